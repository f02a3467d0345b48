import Foundation

/// How much one term of one story counts when stories are compared: its inverse document
/// frequency (`TermStatistics`), scaled down when it only says which side the story is on
/// (`StoryTerms.Kind.marker`) or stands only in the headline, which outlets rewrite most.
public struct TermWeighting: Sendable {
    public var statistics: TermStatistics
    /// Scale for side-only words (Yemen, Russia, Houthis, Moscow ...): every compared story has them.
    public var markerFactor: Double
    /// Scale for a term found in the title but not in the lead.
    public var titleOnlyFactor: Double
    /// The least information a report is credited with when its share found in a seed is
    /// measured, as a number of never-seen terms: a short item of common words ("talks",
    /// "officials", "Red Sea") is found in any long article, which says little about which story
    /// it is.
    public var minimumInformationTerms: Double

    public init(statistics: TermStatistics, markerFactor: Double = 0.3, titleOnlyFactor: Double = 0.7,
                minimumInformationTerms: Double = 5) {
        self.statistics = statistics
        self.markerFactor = markerFactor
        self.titleOnlyFactor = titleOnlyFactor
        self.minimumInformationTerms = minimumInformationTerms
    }

    /// `minimumInformationTerms` as a sum of squared weights.
    public var minimumInformation: Double {
        let rarest = statistics.unseenIDF
        return minimumInformationTerms * rarest * rarest
    }

    /// The scale a term's kind gives its IDF.
    @inline(__always)
    public func factor(_ kind: StoryTerms.Kind) -> Double {
        var factor = 1.0
        if kind.contains(.marker) { factor *= markerFactor }
        if kind.contains(.title) && !kind.contains(.lead) { factor *= titleOnlyFactor }
        return factor
    }

    public func weight(_ key: UInt64, _ kind: StoryTerms.Kind) -> Double {
        statistics.idf(key) * factor(kind)
    }
}
