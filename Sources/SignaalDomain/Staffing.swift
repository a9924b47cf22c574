import Foundation

/// Erlang C: how many agents a stream of messages needs so that most are picked up in time
/// (S1's closing plea: enough people, so nobody drowns). Messages arrive at random (Poisson),
/// each takes an agent the handle time, and a message waits when every agent is busy.
public enum ErlangC {
    /// The chance that a message has to wait because all `agents` are busy, for `traffic` erlangs
    /// (arrivals per second × handle seconds). 1 when the agents cannot keep up at all.
    public static func probabilityOfWaiting(agents: Int, traffic: Double) -> Double {
        guard traffic > 0 else { return 0 }
        guard Double(agents) > traffic else { return 1 }
        // Erlang B by its recursion, which stays exact where the factorial formula overflows.
        var blocking = 1.0
        for k in 1...agents { blocking = traffic * blocking / (Double(k) + traffic * blocking) }
        let n = Double(agents)
        return n * blocking / (n - traffic * (1 - blocking))
    }

    /// The share of messages picked up within `targetSeconds`.
    public static func serviceLevel(agents: Int, traffic: Double, handleSeconds: Double, targetSeconds: Double) -> Double {
        guard traffic > 0 else { return 1 }
        guard Double(agents) > traffic, handleSeconds > 0 else { return 0 }
        let waiting = probabilityOfWaiting(agents: agents, traffic: traffic)
        return 1 - waiting * exp(-(Double(agents) - traffic) * targetSeconds / handleSeconds)
    }

    /// The fewest agents that pick up `serviceLevel` of the messages within `targetSeconds`
    /// while nobody is busy more than `maximumOccupancy` of the time. 0 when nothing arrives.
    public static func agentsNeeded(
        arrivalsPerHour: Double, handleSeconds: Double, targetSeconds: Double, serviceLevel target: Double,
        maximumOccupancy: Double = 1
    ) -> Int {
        guard arrivalsPerHour > 0, handleSeconds > 0 else { return 0 }
        let traffic = arrivalsPerHour * handleSeconds / 3600
        var agents = max(1, Int(traffic.rounded(.down)) + 1)
        if maximumOccupancy > 0 && maximumOccupancy < 1 {
            agents = max(agents, Int((traffic / maximumOccupancy).rounded(.up)))
        }
        // Service level rises with every agent added; well before this bound it is ~1.
        while serviceLevel(agents: agents, traffic: traffic, handleSeconds: handleSeconds, targetSeconds: targetSeconds) < target
            && agents < Int(traffic) + 1000
        {
            agents += 1
        }
        return agents
    }
}

/// What the staffing forecast aims for; the team lead can try other values on the page.
public struct StaffingTargets: Sendable, Hashable {
    /// Average time an agent spends on one message: reading, looking things up, replying.
    public var handleMinutes: Double
    /// A message counts as picked up in time within this many minutes...
    public var answerWithinMinutes: Double
    /// ...for at least this share of the messages.
    public var serviceLevel: Double
    /// Part of the time on duty that goes to breaks, meetings and a turn away from the negative
    /// messages (S1, S3: compassion fatigue); the agents on duty are the ones working divided by
    /// what is left, to the nearest whole person.
    public var shrinkage: Double
    /// Nobody is planned busier than this: a webcare agent who answers anger all hour needs air.
    public var maximumOccupancy: Double

    public init(
        handleMinutes: Double = 6, answerWithinMinutes: Double = 30, serviceLevel: Double = 0.8, shrinkage: Double = 0.25,
        maximumOccupancy: Double = 0.85
    ) {
        self.handleMinutes = handleMinutes
        self.answerWithinMinutes = answerWithinMinutes
        self.serviceLevel = serviceLevel
        self.shrinkage = shrinkage
        self.maximumOccupancy = maximumOccupancy
    }

    public static let standard = StaffingTargets()

    /// The values a lead may enter, so that a typo cannot ask for a thousand agents.
    public static let handleMinutesRange = 0.5...120.0
    public static let answerWithinMinutesRange = 1.0...1440.0
    public static let serviceLevelRange = 0.5...0.99

    /// Agents to have on duty (breaks included) for `arrivalsPerHour` messages.
    public func agentsOnDuty(arrivalsPerHour: Double) -> Int {
        let working = ErlangC.agentsNeeded(
            arrivalsPerHour: arrivalsPerHour, handleSeconds: handleMinutes * 60, targetSeconds: answerWithinMinutes * 60,
            serviceLevel: serviceLevel, maximumOccupancy: maximumOccupancy)
        guard working > 0 else { return 0 }
        // One agent covers a quiet hour, breaks between the messages; from two up, rounded up, so that
        // the people on duty minus their breaks are never fewer than the work needs (4 working at a
        // quarter for breaks is 5.33: 6 on duty, not 5).
        guard working > 1 else { return 1 }
        let onDuty = Double(working) / (1 - min(max(shrinkage, 0), 0.9))
        return max(working, Int((onDuty - 1e-9).rounded(.up)))
    }
}

/// One hour of the day in the staffing forecast.
public struct HourForecast: Sendable, Hashable {
    /// The hour, as an instant: its local start and end.
    public var hour: DateInterval
    /// Messages expected: the average of this hour on the same weekday of the past weeks.
    public var expected: Double
    /// Messages that arrived in this hour so far; nil for an hour still to come.
    public var arrived: Int?
    /// Agents on duty the expected messages need; 0 in a closed hour.
    public var agents: Int
    /// Agents on duty the pace of the last 60 minutes needs, for the current hour only when that
    /// pace needs more than planned (a storm, an outage: call people in, stay open longer).
    public var agentsAtCurrentPace: Int?
    /// Whether the desk is open in (part of) this hour by the opening hours.
    public var open: Bool

    public init(hour: DateInterval, expected: Double, arrived: Int?, agents: Int, agentsAtCurrentPace: Int?, open: Bool) {
        self.hour = hour
        self.expected = expected
        self.arrived = arrived
        self.agents = agents
        self.agentsAtCurrentPace = agentsAtCurrentPace
        self.open = open
    }
}

/// Forecasts the messages of each hour of a day from the same weekday in the past weeks, and
/// the agents each hour needs (Erlang C). Pure: the store counts messages per hour.
public struct StaffingForecast: Sendable {
    /// How many earlier weeks the forecast averages.
    public static let pastWeeks = 4

    public var calendar: BusinessCalendar
    public var targets: StaffingTargets

    public init(calendar: BusinessCalendar, targets: StaffingTargets) {
        self.calendar = calendar
        self.targets = targets
    }

    /// The local hours of `day` (23 or 25 on the days the clocks change).
    public func hours(of day: CalendarDay) -> [DateInterval] {
        let start = calendar.date(on: day, minute: 0)
        let end = calendar.date(on: day.adding(days: 1), minute: 0)
        return stride(from: start.timeIntervalSince1970, to: end.timeIntervalSince1970, by: 3600).map {
            DateInterval(start: Date(timeIntervalSince1970: $0), duration: 3600)
        }
    }

    /// The period the store must count per hour for `day`: the same weekday `pastWeeks` weeks
    /// back up to the end of `day`.
    public func countedPeriod(for day: CalendarDay) -> DateInterval {
        let start = calendar.date(on: day.adding(days: -7 * Self.pastWeeks), minute: 0)
        return DateInterval(start: start, end: calendar.date(on: day.adding(days: 1), minute: 0))
    }

    /// The forecast for `day`. `counts` are messages per hour, keyed by the hour's start (as the
    /// store gives them; hours without messages may be missing); `lastHour` is the number of
    /// messages of the 60 minutes before `now`.
    public func forecast(day: CalendarDay, counts: [Date: Int], lastHour: Int, now: Date) -> [HourForecast] {
        // A past day counts only if the desk received anything that day: the weeks before a
        // team started using Signaal are no evidence of quiet.
        let pastDays = (1...Self.pastWeeks).map { day.adding(days: -7 * $0) }.filter { past in
            hours(of: past).contains { counts[$0.start, default: 0] > 0 }
        }
        let pastHours = pastDays.map { past in
            Dictionary(hours(of: past).map { (localHour($0.start), counts[$0.start, default: 0]) }, uniquingKeysWith: +)
        }
        let openIntervals = calendar.openIntervals(on: day)
        return hours(of: day).map { hour in
            let local = localHour(hour.start)
            let expected = pastHours.isEmpty ? 0 : Double(pastHours.map { $0[local, default: 0] }.reduce(0, +)) / Double(pastHours.count)
            let started = hour.start <= now
            let current = hour.contains(now) && now < hour.end
            let open = openIntervals.contains { $0.start < hour.end && hour.start < $0.end }
            // Nobody is planned for a closed hour: its messages wait for the opening (whether to
            // open longer is `OpeningAdvice`'s question, not a roster's).
            let agents = open ? targets.agentsOnDuty(arrivalsPerHour: expected) : 0
            // Only a pace that needs more people than planned is worth a word; while closed, calling
            // people in is no answer (the page advises staying open longer instead).
            var atPace: Int?
            if current, open, Double(lastHour) > expected, targets.agentsOnDuty(arrivalsPerHour: Double(lastHour)) > agents {
                atPace = targets.agentsOnDuty(arrivalsPerHour: Double(lastHour))
            }
            return HourForecast(
                hour: hour, expected: expected, arrived: started ? counts[hour.start, default: 0] : nil,
                agents: agents, agentsAtCurrentPace: atPace, open: open)
        }
    }

    /// The local clock hour (0–23) an hour starts at; on the day the clocks go back the repeated
    /// hour shares its number, and the past days' counts for it are added up.
    private func localHour(_ date: Date) -> Int {
        calendar.gregorianCalendar.component(.hour, from: date)
    }
}

/// The closed hours of a forecast that usually bring messages which then wait until opening:
/// S3's advice to keep the webcare open longer when a storm or a busy evening comes.
public struct OpeningAdvice: Sendable, Hashable {
    public var hours: [HourForecast]
    /// Messages usually arriving in those hours.
    public var expected: Double

    /// The closed hours with at least `minimumPerHour` messages expected; nil when there are none.
    public static func extend(_ forecast: [HourForecast], minimumPerHour: Double = 2) -> OpeningAdvice? {
        let busyClosed = forecast.filter { !$0.open && $0.expected >= minimumPerHour }
        guard !busyClosed.isEmpty else { return nil }
        return OpeningAdvice(hours: busyClosed, expected: busyClosed.map(\.expected).reduce(0, +))
    }
}

/// One agent's share of the work and of the anger (S1, S3: compassion fatigue): reading
/// complaints all day wears people down, so a lead sees who needs a break or other work.
public struct AgentLoad: Sendable, Hashable {
    /// Unresolved cases the agent owns now.
    public var openCases: Int
    /// Customer messages in the agent's cases since the start of the period.
    public var messages: Int
    /// Of those, the negative ones.
    public var negative: Int

    public init(openCases: Int = 0, messages: Int = 0, negative: Int = 0) {
        self.openCases = openCases
        self.messages = messages
        self.negative = negative
    }

    public var negativeShare: Double { messages == 0 ? 0 : Double(negative) / Double(messages) }

    /// At least this many negative messages...
    public static let rotationNegative = 15
    /// ...making up at least this share of what the agent read: time for a break, the
    /// compliments, or another channel.
    public static let rotationShare = 0.6

    public var needsRotation: Bool { negative >= Self.rotationNegative && negativeShare >= Self.rotationShare }
}
