import RedressCommands

RedressCommand.runAsMain()
