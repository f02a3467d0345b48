import ArgumentParser
import FeedWatchConfiguration
import FeedWatchStore

/// What `status` and `stories` share: the config, and the state database opened read-only (a
/// read-only command never creates or changes it), with the same messages when the state is
/// missing or either cannot be read.
enum ReadOnlyState {
    static func read(_ command: String, options: GlobalOptions,
                     _ body: (FeedWatchConfig, any StateStore) throws -> Void) throws {
        do {
            var config = try ConfigLoader.load(path: ConfigLoader.locate(explicit: options.config))
            options.apply(to: &config)
            guard let store = try StateStores.openReadOnly(config) else {
                StandardError.line("feedwatch \(command): no state yet at \(StateStores.location(config)): feedwatch has not polled with this state folder")
                throw ExitCode.failure
            }
            try body(config, store)
        } catch let error as ConfigErrors {
            StandardError.line(error.description)
            throw ExitCode.failure
        } catch let error as StoreError {
            StandardError.line("feedwatch \(command): \(error.description)")
            throw ExitCode.failure
        }
    }
}
