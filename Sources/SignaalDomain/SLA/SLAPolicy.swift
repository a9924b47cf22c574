import Foundation

// MARK: - Priority bands

/// Priority band derived from a 0…100 priority score.
public enum PriorityBand: String, CaseIterable, Codable, Sendable, Comparable {
    case normal, high, urgent

    public var dutchName: String {
        switch self {
        case .normal: return "normaal"
        case .high: return "hoog"
        case .urgent: return "urgent"
        }
    }

    private var rank: Int {
        switch self {
        case .normal: return 0
        case .high: return 1
        case .urgent: return 2
        }
    }

    public static func < (lhs: PriorityBand, rhs: PriorityBand) -> Bool { lhs.rank < rhs.rank }
}

/// Score thresholds: `urgent` when score >= `urgent`, `high` when score >= `high`, otherwise `normal`.
public struct PriorityThresholds: Hashable, Sendable, Codable {
    public var high: Double
    public var urgent: Double

    public init(high: Double = 35, urgent: Double = 60) {
        self.high = high
        self.urgent = urgent
    }

    public static let standard = PriorityThresholds()

    /// The band of `score` (NaN counts as normal).
    public func band(for score: Double) -> PriorityBand {
        if score >= urgent { return .urgent }
        if score >= high { return .high }
        return .normal
    }
}

// MARK: - Targets

/// The two SLA targets.
public enum SLATargetKind: String, CaseIterable, Codable, Sendable {
    case firstResponse, resolution

    public var dutchName: String {
        switch self {
        case .firstResponse: return "eerste reactie"
        case .resolution: return "afhandeling"
        }
    }
}

/// Complete targets in business minutes (the global default).
public struct SLATargets: Hashable, Sendable, Codable {
    public var firstResponse: Int
    public var resolution: Int

    public init(firstResponse: Int, resolution: Int) {
        self.firstResponse = firstResponse
        self.resolution = resolution
    }

    public subscript(kind: SLATargetKind) -> Int {
        switch kind {
        case .firstResponse: return firstResponse
        case .resolution: return resolution
        }
    }
}

/// Partial targets in business minutes; a nil field falls back to the next level.
public struct SLATargetOverride: Hashable, Sendable, Codable {
    public var firstResponse: Int?
    public var resolution: Int?

    public init(firstResponse: Int? = nil, resolution: Int? = nil) {
        self.firstResponse = firstResponse
        self.resolution = resolution
    }

    public subscript(kind: SLATargetKind) -> Int? {
        switch kind {
        case .firstResponse: return firstResponse
        case .resolution: return resolution
        }
    }
}

/// Per-band overrides (used for the policy-wide band defaults).
public struct SLABandOverrides: Hashable, Sendable, Codable {
    public var normal: SLATargetOverride?
    public var high: SLATargetOverride?
    public var urgent: SLATargetOverride?

    public init(normal: SLATargetOverride? = nil, high: SLATargetOverride? = nil, urgent: SLATargetOverride? = nil) {
        self.normal = normal
        self.high = high
        self.urgent = urgent
    }

    public subscript(band: PriorityBand) -> SLATargetOverride? {
        switch band {
        case .normal: return normal
        case .high: return high
        case .urgent: return urgent
        }
    }
}

/// Targets of one channel: a channel default plus optional per-band overrides.
public struct SLAChannelTargets: Hashable, Sendable, Codable {
    public var `default`: SLATargetOverride?
    public var normal: SLATargetOverride?
    public var high: SLATargetOverride?
    public var urgent: SLATargetOverride?

    public init(default: SLATargetOverride? = nil, normal: SLATargetOverride? = nil,
                high: SLATargetOverride? = nil, urgent: SLATargetOverride? = nil) {
        self.default = `default`
        self.normal = normal
        self.high = high
        self.urgent = urgent
    }

    public subscript(band: PriorityBand) -> SLATargetOverride? {
        switch band {
        case .normal: return normal
        case .high: return high
        case .urgent: return urgent
        }
    }

    fileprivate var allOverrides: [SLATargetOverride] { [self.default, normal, high, urgent].compactMap { $0 } }
}

/// Targets resolved for one case.
public struct SLAResolvedTargets: Hashable, Sendable {
    public var band: PriorityBand
    public var firstResponseMinutes: Int
    public var resolutionMinutes: Int

    public subscript(kind: SLATargetKind) -> Int {
        switch kind {
        case .firstResponse: return firstResponseMinutes
        case .resolution: return resolutionMinutes
        }
    }
}

/// Policy configuration errors; `message` / `errorDescription` is Dutch.
public enum SLAPolicyError: Error, LocalizedError, Hashable, Sendable, CustomStringConvertible {
    case nonPositiveTarget(context: String, kind: SLATargetKind, minutes: Int)
    case invalidThresholds(high: Double, urgent: Double)
    case invalidAtRiskFraction(Double)

    public var message: String {
        switch self {
        case let .nonPositiveTarget(context, kind, minutes):
            return "Ongeldige SLA-norm (\(kind.dutchName), \(context)): \(minutes) minuten; een norm moet groter dan 0 zijn."
        case let .invalidThresholds(high, urgent):
            return "Ongeldige prioriteitsgrenzen: 'hoog' (\(high)) en 'urgent' (\(urgent)) moeten tussen 0 en 100 liggen, "
                + "en 'hoog' mag niet boven 'urgent' liggen."
        case let .invalidAtRiskFraction(value):
            return "Ongeldige risicogrens \(value): gebruik een fractie groter dan 0 en hooguit 1 (bijvoorbeeld 0,8)."
        }
    }

    public var errorDescription: String? { message }
    public var description: String { message }
}

// MARK: - Policy

/// SLA targets per channel and priority band, in business minutes.
///
/// Lookup, per target (first response and resolution separately):
/// exact channel + band → channel default → policy band default → global default.
/// Channel keys are the product's raw channel values ("x", "facebook", "email", …); lookup also tries the
/// lowercased, trimmed channel.
public struct SLAPolicy: Hashable, Sendable, Codable {
    public var thresholds: PriorityThresholds
    /// A running target is "at risk" once this fraction of its business time has been used (default 0.8).
    public var atRiskFraction: Double
    /// Whether the resolution clock stops while a case waits on the customer (default off).
    /// Every reply puts a case in that state, also "I am looking into it", so turn it on only
    /// where the team keeps a case open while it still owes the customer something.
    public var pauseWhileWaitingOnCustomer: Bool
    public var defaults: SLATargets
    public var bands: SLABandOverrides
    public var channels: [String: SLAChannelTargets]

    /// Known raw channel values of the product.
    public static let knownChannels = [
        "x", "facebook", "messenger", "instagram", "whatsapp", "email", "webform", "phone", "counter", "letter",
        "api", "other",
    ]

    /// One business day in the standard policy: 8 business hours.
    public static let businessDayMinutes = 8 * 60

    public init(thresholds: PriorityThresholds = .standard,
                atRiskFraction: Double = 0.8,
                pauseWhileWaitingOnCustomer: Bool = false,
                defaults: SLATargets,
                bands: SLABandOverrides = SLABandOverrides(),
                channels: [String: SLAChannelTargets] = [:]) {
        self.thresholds = thresholds
        self.atRiskFraction = atRiskFraction
        self.pauseWhileWaitingOnCustomer = pauseWhileWaitingOnCustomer
        self.defaults = defaults
        self.bands = bands
        self.channels = channels
    }

    /// Dutch webcare defaults (business minutes; one business day = 8 h):
    /// - first response: public social (x, facebook, instagram) 60 / 30 / 15 (normal/high/urgent);
    ///   messaging (messenger, whatsapp) 120 / 60 / 30; all other channels (email, webform, letter, phone,
    ///   counter, api, other) 480 / 240 / 120;
    /// - resolution, all channels: 3 / 2 / 1 business days (1440 / 960 / 480).
    public static let standard: SLAPolicy = {
        let day = businessDayMinutes
        func firstResponse(_ normal: Int, _ high: Int, _ urgent: Int) -> SLAChannelTargets {
            SLAChannelTargets(default: SLATargetOverride(firstResponse: normal),
                              high: SLATargetOverride(firstResponse: high),
                              urgent: SLATargetOverride(firstResponse: urgent))
        }
        let social = firstResponse(60, 30, 15)
        let messaging = firstResponse(120, 60, 30)
        return SLAPolicy(
            defaults: SLATargets(firstResponse: day, resolution: 3 * day),
            bands: SLABandOverrides(
                high: SLATargetOverride(firstResponse: day / 2, resolution: 2 * day),
                urgent: SLATargetOverride(firstResponse: day / 4, resolution: day)),
            channels: [
                "x": social, "facebook": social, "instagram": social,
                "messenger": messaging, "whatsapp": messaging,
            ])
    }()

    public func band(for priority: Double) -> PriorityBand { thresholds.band(for: priority) }

    private func channelTargets(_ channel: String) -> SLAChannelTargets? {
        channels[channel] ?? channels[channel.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()]
    }

    /// Target in business minutes for `kind`, `channel` and `band`, with the documented fallback.
    public func targetMinutes(_ kind: SLATargetKind, channel: String, band: PriorityBand) -> Int {
        let channelTargets = channelTargets(channel)
        return channelTargets?[band]?[kind]
            ?? channelTargets?.default?[kind]
            ?? bands[band]?[kind]
            ?? defaults[kind]
    }

    /// Both targets for `channel` and a 0…100 priority score.
    public func targets(channel: String, priority: Double) -> SLAResolvedTargets {
        let band = band(for: priority)
        return SLAResolvedTargets(
            band: band,
            firstResponseMinutes: targetMinutes(.firstResponse, channel: channel, band: band),
            resolutionMinutes: targetMinutes(.resolution, channel: channel, band: band))
    }

    /// Throws an `SLAPolicyError` (Dutch message) for non-positive targets, thresholds outside 0…100 or
    /// `high > urgent`, or an at-risk fraction outside (0, 1].
    public func validate() throws {
        guard (0...100).contains(thresholds.high), (0...100).contains(thresholds.urgent),
              thresholds.high <= thresholds.urgent else {
            throw SLAPolicyError.invalidThresholds(high: thresholds.high, urgent: thresholds.urgent)
        }
        guard atRiskFraction > 0, atRiskFraction <= 1 else {
            throw SLAPolicyError.invalidAtRiskFraction(atRiskFraction)
        }
        func check(_ override: SLATargetOverride?, _ context: String) throws {
            guard let override else { return }
            for kind in SLATargetKind.allCases {
                if let minutes = override[kind], minutes <= 0 {
                    throw SLAPolicyError.nonPositiveTarget(context: context, kind: kind, minutes: minutes)
                }
            }
        }
        try check(SLATargetOverride(firstResponse: defaults.firstResponse, resolution: defaults.resolution), "standaard")
        for band in PriorityBand.allCases { try check(bands[band], "prioriteit \(band.dutchName)") }
        for channel in channels.keys.sorted() {
            let targets = channels[channel]!
            try check(targets.default, "kanaal \(channel)")
            for band in PriorityBand.allCases { try check(targets[band], "kanaal \(channel), prioriteit \(band.dutchName)") }
        }
    }

    // MARK: Codable (decoding validates; missing optional sections use defaults)

    private enum CodingKeys: String, CodingKey {
        case thresholds, atRiskFraction, pauseWhileWaitingOnCustomer, defaults, bands, channels
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            thresholds: try c.decodeIfPresent(PriorityThresholds.self, forKey: .thresholds) ?? .standard,
            atRiskFraction: try c.decodeIfPresent(Double.self, forKey: .atRiskFraction) ?? 0.8,
            pauseWhileWaitingOnCustomer: try c.decodeIfPresent(Bool.self, forKey: .pauseWhileWaitingOnCustomer) ?? false,
            defaults: try c.decode(SLATargets.self, forKey: .defaults),
            bands: try c.decodeIfPresent(SLABandOverrides.self, forKey: .bands) ?? SLABandOverrides(),
            channels: try c.decodeIfPresent([String: SLAChannelTargets].self, forKey: .channels) ?? [:])
        try validate()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(thresholds, forKey: .thresholds)
        try c.encode(atRiskFraction, forKey: .atRiskFraction)
        try c.encode(pauseWhileWaitingOnCustomer, forKey: .pauseWhileWaitingOnCustomer)
        try c.encode(defaults, forKey: .defaults)
        try c.encode(bands, forKey: .bands)
        try c.encode(channels, forKey: .channels)
    }
}

// MARK: - Clock

/// State of one SLA target. Durations are business seconds.
public enum SLAState: Hashable, Sendable {
    /// Completed on or before the due instant.
    case met
    /// Running, less than the at-risk fraction used.
    case running(remaining: TimeInterval)
    /// Running, at least the at-risk fraction used, not yet due.
    case atRisk(remaining: TimeInterval)
    /// Not completed and past the due instant.
    case breached(overdue: TimeInterval)
    /// Completed after the due instant (breach recorded).
    case metLate(overdue: TimeInterval)
    /// Stopped while the case waits on the customer, not yet due.
    case paused(remaining: TimeInterval)

    /// True for `.breached` and `.metLate`.
    public var isBreach: Bool {
        switch self {
        case .breached, .metLate: return true
        default: return false
        }
    }

    /// True for `.met` and `.metLate`.
    public var isCompleted: Bool {
        switch self {
        case .met, .metLate: return true
        default: return false
        }
    }

    /// Short display: "nog 45 min", "nog 3 u 10 min", "2 u 5 min te laat", "gehaald",
    /// "gepauzeerd, nog 2 u" (English with `language: "en"`: "45 min left", "2 h 5 min overdue",
    /// "met", "paused, 2 h left").
    public func shortDisplay(language: String = "nl") -> String {
        switch self {
        case .met: return SLADisplay.isEnglish(language) ? "met" : "gehaald"
        case let .running(remaining), let .atRisk(remaining): return SLADisplay.remaining(remaining, language: language)
        case let .breached(overdue), let .metLate(overdue): return SLADisplay.overdue(overdue, language: language)
        case let .paused(remaining):
            return (SLADisplay.isEnglish(language) ? "paused, " : "gepauzeerd, ") + SLADisplay.remaining(remaining, language: language)
        }
    }
}

/// Status of one target of one case.
public struct SLATargetStatus: Hashable, Sendable {
    public var kind: SLATargetKind
    public var targetMinutes: Int
    /// Due instant; `Date.distantFuture` when the calendar cannot reach it (see `BusinessCalendar`).
    public var due: Date
    public var completedAt: Date?
    public var state: SLAState
    /// Business seconds used so far (until completion, or until `now` when running).
    public var elapsedBusinessSeconds: TimeInterval

    public var targetBusinessSeconds: TimeInterval { TimeInterval(targetMinutes) * 60 }

    /// Fraction of the target used (may exceed 1).
    public var fractionUsed: Double {
        targetMinutes > 0 ? elapsedBusinessSeconds / targetBusinessSeconds : 1
    }

    public init(kind: SLATargetKind, targetMinutes: Int, due: Date, completedAt: Date?, state: SLAState,
                elapsedBusinessSeconds: TimeInterval) {
        self.kind = kind
        self.targetMinutes = targetMinutes
        self.due = due
        self.completedAt = completedAt
        self.state = state
        self.elapsedBusinessSeconds = elapsedBusinessSeconds
    }

    /// Evaluates one target. A completion at or before `due` is met; after `due` it is met late.
    /// A running target is breached once `now > due` (also outside opening hours, with 0 business seconds
    /// overdue), at risk once `elapsed >= atRiskFraction × target`. `now` before `startedAt` counts as 0 elapsed.
    /// Business time inside `pauses` (an open one lasts until `now`) does not count: a pause that
    /// begins before `due` moves `due` on by its length, and while one lasts the target is paused.
    public static func evaluate(kind: SLATargetKind, targetMinutes: Int, calendar: BusinessCalendar,
                                startedAt: Date, completedAt: Date?, pauses: [SLAPause] = [], now: Date,
                                atRiskFraction: Double) -> SLATargetStatus {
        let target = TimeInterval(max(targetMinutes, 0)) * 60
        let end = completedAt ?? now
        // Each pause as business seconds, clipped to [startedAt, end]; in order, as they move `due`.
        let spans = pauses.sorted { $0.start < $1.start }.compactMap { pause -> (start: Date, seconds: TimeInterval)? in
            let from = max(pause.start, startedAt), to = min(pause.end ?? now, end)
            return from < to ? (from, calendar.businessSeconds(from: from, to: to)) : nil
        }
        var due = calendar.deadline(from: startedAt, adding: target)
        var pausedBeforeDue: TimeInterval = 0
        for span in spans where span.start < due {
            pausedBeforeDue += span.seconds
            due = calendar.deadline(from: startedAt, adding: target + pausedBeforeDue)
        }
        let elapsed = max(0, calendar.businessSeconds(from: startedAt, to: end) - spans.reduce(0) { $0 + $1.seconds })
        if let completedAt {
            let state: SLAState = completedAt <= due ? .met : .metLate(overdue: max(0, elapsed - target))
            return SLATargetStatus(kind: kind, targetMinutes: targetMinutes, due: due, completedAt: completedAt,
                                   state: state, elapsedBusinessSeconds: elapsed)
        }
        let isPaused = pauses.contains { $0.end == nil && $0.start <= now }
        let state: SLAState
        if now > due {
            state = .breached(overdue: max(0, elapsed - target))
        } else if isPaused {
            state = .paused(remaining: max(0, target - elapsed))
        } else {
            let remaining = max(0, target - elapsed)
            state = target > 0 && elapsed < atRiskFraction * target
                ? .running(remaining: remaining)
                : .atRisk(remaining: remaining)
        }
        return SLATargetStatus(kind: kind, targetMinutes: targetMinutes, due: due, completedAt: nil,
                               state: state, elapsedBusinessSeconds: elapsed)
    }
}

/// Both SLA clocks of one case, computed eagerly from the inputs. Pure value type.
///
/// First response counts as completed at `respondedAt`, or at `resolvedAt` when no response was recorded.
public struct SLAClock: Hashable, Sendable {
    public let channel: String
    /// The 0…100 score the band is taken from (for a case: `Case.slaPriority`).
    public let priority: Double
    public let band: PriorityBand
    public let startedAt: Date
    public let respondedAt: Date?
    public let resolvedAt: Date?
    public let now: Date
    public let firstResponse: SLATargetStatus
    public let resolution: SLATargetStatus

    /// `resolutionPauses` stop only the resolution clock: waiting on the customer comes after a
    /// first response.
    public init(calendar: BusinessCalendar, policy: SLAPolicy, channel: String, priority: Double,
                startedAt: Date, respondedAt: Date? = nil, resolvedAt: Date? = nil, resolutionPauses: [SLAPause] = [],
                now: Date) {
        let targets = policy.targets(channel: channel, priority: priority)
        self.channel = channel
        self.priority = priority
        self.band = targets.band
        self.startedAt = startedAt
        self.respondedAt = respondedAt
        self.resolvedAt = resolvedAt
        self.now = now
        self.firstResponse = SLATargetStatus.evaluate(
            kind: .firstResponse, targetMinutes: targets.firstResponseMinutes, calendar: calendar,
            startedAt: startedAt, completedAt: respondedAt ?? resolvedAt, now: now,
            atRiskFraction: policy.atRiskFraction)
        self.resolution = SLATargetStatus.evaluate(
            kind: .resolution, targetMinutes: targets.resolutionMinutes, calendar: calendar,
            startedAt: startedAt, completedAt: resolvedAt, pauses: resolutionPauses, now: now,
            atRiskFraction: policy.atRiskFraction)
    }

    public func status(_ kind: SLATargetKind) -> SLATargetStatus {
        switch kind {
        case .firstResponse: return firstResponse
        case .resolution: return resolution
        }
    }

    /// True when either target is breached or was met late.
    public var hasBreach: Bool { firstResponse.state.isBreach || resolution.state.isBreach }

    /// Resolved before anyone replied: resolving stopped the first-response clock, but the
    /// customer got no answer, so that target was not met, however early it stopped.
    public var resolvedWithoutResponse: Bool { respondedAt == nil && resolvedAt != nil }
}

// MARK: - Display

/// Short display of business durations, Dutch ("nl", default) or English ("en…").
public enum SLADisplay {
    static func isEnglish(_ language: String) -> Bool { language.lowercased().hasPrefix("en") }

    /// "3 u 10 min" / "3 h 10 min", "45 min", "3 u" / "3 h"; from 24 hours on whole hours ("148 u"),
    /// two units at most as the inbox's waiting time ("18 d 23 u"). Working hours have no days.
    public static func duration(minutes: Int, language: String = "nl") -> String {
        let minutes = max(0, minutes)
        let hourUnit = isEnglish(language) ? "h" : "u"
        let h = minutes / 60, m = minutes % 60
        if h == 0 { return "\(m) min" }
        if m == 0 || h >= 24 { return "\(h) \(hourUnit)" }
        return "\(h) \(hourUnit) \(m) min"
    }

    /// Remaining time, rounded up to whole minutes: "nog 45 min" / "45 min left".
    public static func remaining(_ seconds: TimeInterval, language: String = "nl") -> String {
        let minutes = seconds.isFinite ? Int((max(0, seconds) / 60).rounded(.up)) : 0
        let text = duration(minutes: minutes, language: language)
        return isEnglish(language) ? "\(text) left" : "nog \(text)"
    }

    /// Overdue time, rounded down to whole minutes: "2 u 5 min te laat" / "2 h 5 min overdue";
    /// under one minute just "te laat" / "overdue".
    public static func overdue(_ seconds: TimeInterval, language: String = "nl") -> String {
        let minutes = seconds.isFinite ? Int((max(0, seconds) / 60).rounded(.down)) : 0
        let suffix = isEnglish(language) ? "overdue" : "te laat"
        guard minutes > 0 else { return suffix }
        return "\(duration(minutes: minutes, language: language)) \(suffix)"
    }
}
