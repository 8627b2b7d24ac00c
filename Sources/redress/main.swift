import RedressCommands

RedressCommand.main()
