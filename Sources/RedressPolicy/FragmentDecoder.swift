import RedressDiagnostics
import RedressYAML

/// A shared policy fragment (`policies/statutory/children-england.yaml`): procedures that councils
/// import by name instead of copying.
public struct PolicyFragment: Sendable {
    public var name: String
    public var title: String
    public var path: String
    public var imports: [PolicyImport]
    public var procedures: [Procedure]
    public var numbers: [CitedNumber]
    /// Every `source:` and `assumed:` the fragment writes.
    public var citations: [Citation] = []
}

enum FragmentDecoder {
    static let keys = ["redress-fragment", "id", "title", "sources", "imports", "procedures"]

    static func decode(_ document: YAMLDocument, expectedName: String, vocabulary: PolicyVocabulary) -> (PolicyFragment?, [Diagnostic]) {
        var context = DecodeContext(vocabulary: vocabulary)
        let path = document.source.path
        guard let root = document.root?.expectMapping("a policy fragment", &context.diagnostics) else {
            if document.root == nil {
                context.add(
                    .error(.policyEmpty, "the fragment is empty", at: SourceRange(file: path, at: SourceLocation(line: 1, column: 1))))
            }
            return (nil, context.diagnostics)
        }
        root.checkKeys(known: keys, required: ["redress-fragment", "id", "procedures"], in: "a policy fragment", &context.diagnostics)
        let sources = root["sources"].map { PolicyDecoder.decodeSources($0, &context) } ?? []
        context.sourceIDs = Set(sources.map(\.id))
        if let idNode = root["id"]?.expectText("`id`", &context.diagnostics), idNode.text != expectedName {
            context.add(
                idNode.invalid(
                    "fragment id `\(idNode.text)` does not match its import name `\(expectedName)`",
                    help: "set `id: \(expectedName)` or rename the file"))
        }
        let imports = root["imports"].flatMap { PolicyDecoder.decodeImports($0, &context) } ?? []
        let procedures = root["procedures"].map { ProcedureDecoder.procedures($0, file: path, &context) } ?? []
        var fragment = PolicyFragment(
            name: expectedName, title: context.text(root["title"], "`title`") ?? expectedName, path: path, imports: imports,
            procedures: procedures, numbers: context.numbers)
        fragment.citations = context.written
        return (fragment, context.diagnostics)
    }
}
