import Foundation
import StoryMatching

/// Whether a judged report started an event or joined one.
public enum ReportKind: String, Sendable {
    case alert, duplicate
}

/// A judged on-topic report (alerted, or a duplicate joined to an event), kept so later rewrites
/// by other outlets are recognised and so `feedwatch stories` can count each event's outlets.
public struct StoredReport: Sendable, Equatable {
    /// The database's row id (0 for a report not stored yet: the database assigns it, so two
    /// processes writing one state folder cannot collide).
    public var id: Int64
    public var feedURL: String
    public var link: String?
    public var title: String?
    /// When it was judged.
    public var judgedAt: Date
    public var kind: ReportKind
    /// The event's stable id (`story` in the log).
    public var event: String
    /// How the event's first report is named in `duplicate_of`: a seed file name or a link.
    public var eventLabel: String
    public var language: StoryLanguage
    /// Its publication date, else when it was first seen.
    public var eventDate: Date
    /// The date of its event's first report: later reports are compared at their distance from
    /// it, so an event cannot creep forward one rewrite at a time.
    public var eventStart: Date
    public var terms: StoryTerms
    /// An alert's log entry as the pipeline encodes it, kept until the alert is delivered so
    /// another process can write it if this one dies first (nil for a duplicate).
    public var alert: String?

    public init(id: Int64 = 0, feedURL: String, link: String?, title: String?, judgedAt: Date, kind: ReportKind,
                event: String, eventLabel: String, language: StoryLanguage, eventDate: Date, eventStart: Date? = nil,
                terms: StoryTerms, alert: String? = nil) {
        self.alert = alert
        self.id = id
        self.feedURL = feedURL
        self.link = link
        self.title = title
        self.judgedAt = judgedAt
        self.kind = kind
        self.event = event
        self.eventLabel = eventLabel
        self.language = language
        self.eventDate = eventDate
        self.eventStart = eventStart ?? eventDate
        self.terms = terms
    }
}
