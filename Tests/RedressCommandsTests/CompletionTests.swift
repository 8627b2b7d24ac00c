import Foundation
import RedressTestSupport
import Testing

/// Shell completion, as a user's shell runs it: the generated bash script is sourced in a real bash
/// and asked to complete `--policy`.
@Suite("Shell completion")
struct CompletionTests {
    static func complete(_ words: [String]) throws -> [String] {
        let binaryFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let script = """
            cd '\(CommandRunner.repositoryRoot.path)'
            export PATH='\(binaryFolder)':"$PATH"
            source <(redress --generate-completion-script bash)
            COMP_WORDS=(\(quoted)); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
            COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
            _redress redress "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        return try ChildProcess.run("/bin/bash", ["-c", script], capture: .output).text.split(separator: "\n").map(String.init)
    }

    @Test("--policy completes to the library folder, a council's folder, and its versions")
    func policy() throws {
        #expect(try Self.complete(["redress", "classify", "--policy", "pol"]) == ["policies/"])
        #expect(try Self.complete(["redress", "classify", "--policy", "policies/councils/nor"]) == ["policies/councils/north-somerset/"])
        #expect(try Self.complete(["redress", "check", "policies/councils/derby/"]) == ["policies/councils/derby/2014.yaml", "policies/councils/derby/2019.yaml"])
        #expect(try Self.complete(["redress", "classify", "--library", "poli"]) == ["policies"])
    }
}
