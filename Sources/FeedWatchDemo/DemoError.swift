import FeedWatchService
import FeedWatchStore

/// Why the demo could not run, in words that say what to do.
public enum DemoError: Error, CustomStringConvertible {
    /// The loopback server could not start.
    case server(String)
    /// The temporary state folder could not be created.
    case temporaryFolder(String)
    /// The config or seeds could not be loaded.
    case runtime(RuntimeError)
    /// The state database in the temporary folder failed.
    case store(StoreError)

    public var description: String {
        switch self {
        case let .server(reason):
            return "the demo's feed server could not start (\(reason)); the demo needs a free port on 127.0.0.1"
        case let .temporaryFolder(reason):
            return "cannot create the demo's state folder (\(reason)); set TMPDIR to a writable folder"
        case let .runtime(error):
            return "\(error.lines.joined(separator: "\n"))\nthe demo uses your config's rules and seeds; "
                + "run it with --config config/feedwatch.yaml from a checkout to use the shipped ones"
        case let .store(error):
            return "the demo's state database failed: \(error)"
        }
    }
}
