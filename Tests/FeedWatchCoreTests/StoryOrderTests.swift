import FeedWatchPipeline
import Foundation
import Testing

@Suite("The order a poll judges its stories in: dated oldest first, then undated, ties in arrival order")
struct StoryOrderTests {
    /// A story as it arrived: its position in the arrivals, and its date in hours (nil: undated).
    struct Story: Equatable {
        var arrival: Int
        var date: Date?
    }

    @Test("Stories in judging order, by their position among the arrivals", arguments: [
        // (dates in hours, in arrival order; arrival positions in judging order)
        ([], []),
        ([5], [0]),
        ([3, 1, 2], [1, 2, 0]),                    // the oldest first, whichever feed answered first
        ([nil, 2, nil, 1], [3, 1, 0, 2]),          // dated before undated; the undated as they arrived
        ([2, 1, 2, 1], [1, 3, 0, 2]),              // the same date: as they arrived
        ([nil, nil, nil], [0, 1, 2]),
        ([-1, 0, nil, -2], [3, 0, 1, 2]),          // dates before 1970 too
    ] as [([Int?], [Int])])
    func order(_ hours: [Int?], _ judged: [Int]) {
        let stories = hours.enumerated().map { index, hour in
            Story(arrival: index, date: hour.map { Date(timeIntervalSince1970: Double($0) * 3600) })
        }
        #expect(StoryOrder.oldestFirst(stories, date: \.date).map(\.arrival) == judged)
    }

    @Test("Many stories of one date keep their arrival order (the sort is stable by construction)")
    func stable() {
        let date = Date(timeIntervalSince1970: 0)
        let stories = (0..<500).map { Story(arrival: $0, date: $0 % 3 == 0 ? nil : date) }
        let judged = StoryOrder.oldestFirst(stories, date: \.date).map(\.arrival)
        #expect(judged == (0..<500).filter { $0 % 3 != 0 } + (0..<500).filter { $0 % 3 == 0 })
    }
}
