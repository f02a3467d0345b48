import Foundation

/// The config and seeds of every test that is not about the shipped config
/// (`Tests/TestSupport/Fixtures`). Tests of the pipeline, the daemon, durability or a command's
/// output need a topic rule, a few tags and a seed, not the tuned keywords of
/// `config/feedwatch.yaml`: on this config, tuning a shipped keyword cannot break them. Found by
/// path, as the feedwatch binary under test reads it by path.
public enum TestConfig {
    /// `Tests/TestSupport/Fixtures`, from this file's location.
    public static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The test config file.
    public static let path = folder.appendingPathComponent("test-config.yaml").path

    /// The test seeds (the config's `seeds_dir`), for a test that writes its own copy of the config.
    public static let seedsDirectory = folder.appendingPathComponent("seeds").path
}
