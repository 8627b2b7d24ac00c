import ArgumentParser

/// `redress-server` (also run as `redress serve`): the engine as an HTTP service over a policy
/// library, and the tools to run it — API keys, decision records, configuration checks.
@main
struct RedressServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redress-server",
        abstract: "Serve every council of a policy library over HTTP, with its API keys and decision records.",
        discussion: "Exit status: 0 success; 1 the command ran and found a problem (a chain that does not verify, a configuration with errors); 2 it could not run.",
        subcommands: [ServeCommand.self, KeysCommand.self, RecordsCommand.self, CheckConfigCommand.self, OpenAPICommand.self],
        defaultSubcommand: ServeCommand.self)
}
