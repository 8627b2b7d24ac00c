/// One step from a policy file's root towards a value.
public enum PolicyPathStep: Sendable, Hashable {
    /// A mapping key: `procedures`, `respond`.
    case key(String)
    /// A list item named by its `id:` (`routing[send]`): stable when items are added or moved.
    case item(String)
    /// A list item without an id, by its 1-based position (`imports[2]`).
    case position(Int)
}

/// Where a value is written in a policy, independent of layout: `procedures.send.stages[stage-1].respond.within`.
/// Reformatting a file (flow or block style, key order, quoting, comments) never changes a path.
public struct PolicyPath: Sendable, Hashable, CustomStringConvertible {
    public var steps: [PolicyPathStep]

    public init(_ steps: [PolicyPathStep] = []) {
        self.steps = steps
    }

    /// A path of mapping keys, with `[id]` items written as separate `.item` steps by the caller.
    public init(keys: String...) {
        self.steps = keys.map { .key($0) }
    }

    public func appending(_ step: PolicyPathStep) -> PolicyPath {
        PolicyPath(steps + [step])
    }

    public func key(_ name: String) -> PolicyPath { appending(.key(name)) }
    public func item(_ id: String) -> PolicyPath { appending(.item(id)) }

    /// True when `self` is `prefix` or lies under it.
    public func isWithin(_ prefix: PolicyPath) -> Bool {
        steps.count >= prefix.steps.count && Array(steps.prefix(prefix.steps.count)) == prefix.steps
    }

    public var description: String {
        var text = ""
        for step in steps {
            switch step {
            case .key(let name): text += (text.isEmpty ? "" : ".") + name
            case .item(let id): text += "[\(id)]"
            case .position(let index): text += "[\(index)]"
            }
        }
        return text.isEmpty ? "(whole file)" : text
    }
}
