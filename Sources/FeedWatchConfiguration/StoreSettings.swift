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
    /// How long a poll's feeds stay leased to it: longer than a poll takes. A dead instance's
    /// feeds wait this long before another instance polls them.
    public var lease: Duration = Self.defaultLease
    /// How long an alert stored but not yet written stays its instance's to write: after that,
    /// another instance writes it.
    public var claim: Duration = Self.defaultClaim

    public static let defaultLease = Duration.seconds(15 * 60)
    public static let defaultClaim = Duration.seconds(120)

    public init(url: String, passwordFile: String? = nil, instance: String? = nil) {
        self.url = url
        self.passwordFile = passwordFile
        self.instance = instance
    }

    /// `--store URL`: the config's settings (instance, lease, claim) with another database.
    public init(replacingURLOf settings: StoreSettings?, with url: String) {
        self = settings ?? StoreSettings(url: url)
        self.url = url
        passwordFile = nil
    }

    /// Whether `url` names a PostgreSQL database (the one kind of shared store).
    public static func isPostgresURL(_ url: String) -> Bool {
        let lowered = url.lowercased()
        return lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://")
    }
}
