/// Where the state lives when it is not the SQLite file in `state_dir`: a PostgreSQL database
/// several instances share (`store:` in the config, `--store` on the command line).
public struct StoreSettings: Sendable, Equatable {
    /// `postgresql://user[:password]@host[:port]/database[?options]` (libpq's URI form).
    public var url: String
    /// A file whose first line is the role's password, so it need not sit in the config
    /// (libpq also reads `PGPASSWORD` and `~/.pgpass`).
    public var passwordFile: String?
    /// This instance's name in leases, claims and `feedwatch status`; nil: host name and process id.
    public var instance: String?

    public init(url: String, passwordFile: String? = nil, instance: String? = nil) {
        self.url = url
        self.passwordFile = passwordFile
        self.instance = instance
    }

    /// Whether `url` names a PostgreSQL database (the one kind of shared store).
    public static func isPostgresURL(_ url: String) -> Bool {
        let lowered = url.lowercased()
        return lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://")
    }
}
