import Foundation
import SignaalDomain
import XCTest

final class SLAPolicyTests: XCTestCase {
    let policy = SLAPolicy.standard

    func testBands() {
        XCTAssertEqual(policy.band(for: 0), .normal)
        XCTAssertEqual(policy.band(for: 34.99), .normal)
        XCTAssertEqual(policy.band(for: 35), .high)
        XCTAssertEqual(policy.band(for: 59.9), .high)
        XCTAssertEqual(policy.band(for: 60), .urgent)
        XCTAssertEqual(policy.band(for: 100), .urgent)
        XCTAssertEqual(policy.band(for: .nan), .normal)
        var custom = policy
        custom.thresholds = PriorityThresholds(high: 50, urgent: 90)
        XCTAssertEqual(custom.band(for: 60), .high)
    }

    func testStandardTargetsAndFallback() {
        XCTAssertEqual(policy.targets(channel: "x", priority: 10).firstResponseMinutes, 60)
        XCTAssertEqual(policy.targets(channel: "facebook", priority: 40).firstResponseMinutes, 30)
        XCTAssertEqual(policy.targets(channel: "instagram", priority: 80).firstResponseMinutes, 15)
        XCTAssertEqual(policy.targets(channel: "whatsapp", priority: 10).firstResponseMinutes, 120)
        XCTAssertEqual(policy.targets(channel: "messenger", priority: 70).firstResponseMinutes, 30)
        XCTAssertEqual(policy.targets(channel: "email", priority: 10).firstResponseMinutes, 480)
        XCTAssertEqual(policy.targets(channel: "letter", priority: 40).firstResponseMinutes, 240)
        XCTAssertEqual(policy.targets(channel: "webform", priority: 90).firstResponseMinutes, 120)
        XCTAssertEqual(policy.targets(channel: "X ", priority: 10).firstResponseMinutes, 60)   // normalized key
        XCTAssertEqual(policy.targets(channel: "unknown", priority: 10).firstResponseMinutes, 480)
        // Resolution comes from the band defaults for every channel.
        XCTAssertEqual(policy.targets(channel: "x", priority: 10).resolutionMinutes, 1440)
        XCTAssertEqual(policy.targets(channel: "x", priority: 40).resolutionMinutes, 960)
        XCTAssertEqual(policy.targets(channel: "email", priority: 99).resolutionMinutes, 480)
        XCTAssertNoThrow(try policy.validate())
    }

    func testLookupOrder() {
        let p = SLAPolicy(
            defaults: SLATargets(firstResponse: 1000, resolution: 5000),
            bands: SLABandOverrides(urgent: SLATargetOverride(firstResponse: 100, resolution: 500)),
            channels: ["phone": SLAChannelTargets(default: SLATargetOverride(firstResponse: 200),
                                                  urgent: SLATargetOverride(firstResponse: 20))])
        XCTAssertEqual(p.targetMinutes(.firstResponse, channel: "phone", band: .urgent), 20)   // channel + band
        XCTAssertEqual(p.targetMinutes(.firstResponse, channel: "phone", band: .high), 200)    // channel default
        XCTAssertEqual(p.targetMinutes(.resolution, channel: "phone", band: .urgent), 500)     // band default
        XCTAssertEqual(p.targetMinutes(.resolution, channel: "phone", band: .normal), 5000)    // global default
        XCTAssertEqual(p.targetMinutes(.firstResponse, channel: "email", band: .urgent), 100)
    }

    func testPolicyJSONRoundTripAndValidation() throws {
        let data = try JSONEncoder().encode(policy)
        XCTAssertEqual(try JSONDecoder().decode(SLAPolicy.self, from: data), policy)

        let minimal = try JSONDecoder().decode(SLAPolicy.self, from: Data(#"{"defaults": {"firstResponse": 60, "resolution": 600}}"#.utf8))
        XCTAssertEqual(minimal.atRiskFraction, 0.8)
        XCTAssertEqual(minimal.thresholds, .standard)
        XCTAssertFalse(minimal.pauseWhileWaitingOnCustomer)
        let pausing = try JSONDecoder().decode(SLAPolicy.self, from: Data(
            #"{"pauseWhileWaitingOnCustomer": true, "defaults": {"firstResponse": 60, "resolution": 600}}"#.utf8))
        XCTAssertTrue(pausing.pauseWhileWaitingOnCustomer)
        XCTAssertEqual(try JSONDecoder().decode(SLAPolicy.self, from: try JSONEncoder().encode(pausing)), pausing)

        XCTAssertThrowsError(try JSONDecoder().decode(SLAPolicy.self, from: Data(
            #"{"defaults": {"firstResponse": 60, "resolution": 600}, "channels": {"x": {"urgent": {"firstResponse": 0}}}}"#.utf8))) {
            XCTAssertEqual($0 as? SLAPolicyError, .nonPositiveTarget(context: "kanaal x, prioriteit urgent", kind: .firstResponse, minutes: 0))
        }
        var bad = policy
        bad.thresholds = PriorityThresholds(high: 70, urgent: 60)
        XCTAssertThrowsError(try bad.validate()) { XCTAssertTrue($0.localizedDescription.contains("prioriteitsgrenzen")) }
        bad = policy
        bad.atRiskFraction = 1.5
        XCTAssertThrowsError(try bad.validate()) { XCTAssertEqual($0 as? SLAPolicyError, .invalidAtRiskFraction(1.5)) }
    }
}

final class SLAClockTests: XCTestCase {
    let calendar = BusinessCalendar.standard
    let policy = SLAPolicy.standard

    func testRunningAtRiskBreached() {
        // Tweet (x, normal → 60 min first response) on Monday 12 Jan 2026 09:00 CET.
        let start = ams(2026, 1, 12, 9)
        let running = SLAClock(calendar: calendar, policy: policy, channel: "x", priority: 10,
                               startedAt: start, now: ams(2026, 1, 12, 9, 15))
        XCTAssertEqual(running.band, .normal)
        XCTAssertEqual(running.firstResponse.due, ams(2026, 1, 12, 10))
        XCTAssertEqual(running.firstResponse.state, .running(remaining: 45 * 60))
        XCTAssertEqual(running.firstResponse.state.shortDisplay(), "nog 45 min")
        XCTAssertEqual(running.firstResponse.state.shortDisplay(language: "en"), "45 min left")
        XCTAssertEqual(running.firstResponse.fractionUsed, 0.25, accuracy: 1e-9)

        let atRisk = SLAClock(calendar: calendar, policy: policy, channel: "x", priority: 10,
                              startedAt: start, now: ams(2026, 1, 12, 9, 48))
        XCTAssertEqual(atRisk.firstResponse.state, .atRisk(remaining: 12 * 60))
        // Exactly 80 % used is at risk.
        let edge = SLAClock(calendar: calendar, policy: policy, channel: "x", priority: 10,
                            startedAt: start, now: ams(2026, 1, 12, 9, 48))
        XCTAssertEqual(edge.firstResponse.fractionUsed, 0.8, accuracy: 1e-9)

        let breached = SLAClock(calendar: calendar, policy: policy, channel: "x", priority: 10,
                                startedAt: start, now: ams(2026, 1, 12, 12, 5))
        XCTAssertEqual(breached.firstResponse.state, .breached(overdue: 2 * 3600 + 5 * 60))
        XCTAssertEqual(breached.firstResponse.state.shortDisplay(), "2 u 5 min te laat")
        XCTAssertEqual(breached.firstResponse.state.shortDisplay(language: "en"), "2 h 5 min overdue")
        XCTAssertTrue(breached.hasBreach)
        // Resolution (1440 business minutes = 24 h ≈ 2.4 opening days) still running.
        XCTAssertEqual(breached.resolution.due, ams(2026, 1, 14, 13))
        XCTAssertEqual(breached.resolution.state, .running(remaining: (24 - 3 - 5.0 / 60) * 3600))
        XCTAssertEqual(breached.resolution.state.shortDisplay(), "nog 20 u 55 min")
    }

    func testBreachedOutsideOpeningHours() {
        // Due Friday 18:00; at Friday 20:00 it is breached with 0 business seconds overdue.
        let clock = SLAClock(calendar: calendar, policy: policy, channel: "x", priority: 10,
                             startedAt: ams(2026, 1, 9, 17), now: ams(2026, 1, 9, 20))
        XCTAssertEqual(clock.firstResponse.due, ams(2026, 1, 9, 18))
        XCTAssertEqual(clock.firstResponse.state, .breached(overdue: 0))
        XCTAssertEqual(clock.firstResponse.state.shortDisplay(), "te laat")
        // Monday 08:30: 30 business minutes overdue.
        let monday = SLAClock(calendar: calendar, policy: policy, channel: "x", priority: 10,
                              startedAt: ams(2026, 1, 9, 17), now: ams(2026, 1, 12, 8, 30))
        XCTAssertEqual(monday.firstResponse.state, .breached(overdue: 1800))
    }

    func testMetAndMetLate() {
        let start = ams(2026, 1, 12, 9)
        let met = SLAClock(calendar: calendar, policy: policy, channel: "whatsapp", priority: 50,
                           startedAt: start, respondedAt: ams(2026, 1, 12, 9, 59), now: ams(2026, 1, 13, 9))
        XCTAssertEqual(met.band, .high)
        XCTAssertEqual(met.firstResponse.targetMinutes, 60)
        XCTAssertEqual(met.firstResponse.state, .met)
        XCTAssertEqual(met.firstResponse.state.shortDisplay(), "gehaald")
        XCTAssertEqual(met.resolution.state, .running(remaining: 16 * 3600 - 10 * 3600))

        let late = SLAClock(calendar: calendar, policy: policy, channel: "whatsapp", priority: 50,
                            startedAt: start, respondedAt: ams(2026, 1, 12, 11, 10), now: ams(2026, 1, 13, 9))
        XCTAssertEqual(late.firstResponse.state, .metLate(overdue: 70 * 60))
        XCTAssertEqual(late.firstResponse.state.shortDisplay(), "1 u 10 min te laat")
        XCTAssertTrue(late.hasBreach)

        // Resolved without a recorded response: resolution also completes the first response.
        let resolved = SLAClock(calendar: calendar, policy: policy, channel: "email", priority: 80,
                                startedAt: start, resolvedAt: ams(2026, 1, 12, 10), now: ams(2026, 1, 20))
        XCTAssertEqual(resolved.firstResponse.state, .met)
        XCTAssertEqual(resolved.resolution.state, .met)
        XCTAssertFalse(resolved.hasBreach)
    }

    func testWaitingOnTheCustomerPausesResolution() {
        // WhatsApp, high (resolution 16 business hours) from Monday 12 Jan 2026 09:00: due Tuesday
        // 15:00. The agent asks for an order number at 10:00; the customer answers Tuesday 10:00.
        let start = ams(2026, 1, 12, 9)
        let answered = [SLAPause(start: ams(2026, 1, 12, 10), end: ams(2026, 1, 13, 10))]
        func clock(_ pauses: [SLAPause], resolvedAt: Date? = nil, now: Date) -> SLAClock {
            SLAClock(calendar: calendar, policy: policy, channel: "whatsapp", priority: 50, startedAt: start,
                     respondedAt: ams(2026, 1, 12, 9, 30), resolvedAt: resolvedAt, resolutionPauses: pauses, now: now)
        }
        // Without the pause Wednesday noon is 7 business hours late; with it, 3 are left (10 paused).
        XCTAssertEqual(clock([], now: ams(2026, 1, 14, 12)).resolution.state, .breached(overdue: 7 * 3600))
        let after = clock(answered, now: ams(2026, 1, 14, 12)).resolution
        XCTAssertEqual(after.due, ams(2026, 1, 14, 15))
        XCTAssertEqual(after.state, .atRisk(remaining: 3 * 3600))
        XCTAssertEqual(after.elapsedBusinessSeconds, 13 * 3600)

        // While the customer has not answered yet, the clock stands still at one business hour used.
        let waiting = clock([SLAPause(start: ams(2026, 1, 12, 10), end: nil)], now: ams(2026, 1, 13, 9))
        XCTAssertEqual(waiting.resolution.state, .paused(remaining: 15 * 3600))
        XCTAssertEqual(waiting.resolution.state.shortDisplay(), "gepauzeerd, nog 15 u")
        XCTAssertEqual(waiting.resolution.state.shortDisplay(language: "en"), "paused, 15 h left")
        XCTAssertFalse(waiting.hasBreach)
        XCTAssertEqual(waiting.firstResponse.state, .met, "only the resolution clock pauses")

        // Resolved Wednesday 14:00: met thanks to the pause, late without it.
        XCTAssertEqual(clock(answered, resolvedAt: ams(2026, 1, 14, 14), now: ams(2026, 1, 15)).resolution.state, .met)
        XCTAssertEqual(clock([], resolvedAt: ams(2026, 1, 14, 14), now: ams(2026, 1, 15)).resolution.state, .metLate(overdue: 9 * 3600))

        // A pause that begins after the deadline does not undo the breach; it stops the overdue time.
        let late = clock([SLAPause(start: ams(2026, 1, 14, 9), end: nil)], now: ams(2026, 1, 14, 12)).resolution
        XCTAssertEqual(late.due, ams(2026, 1, 13, 15))
        XCTAssertEqual(late.state, .breached(overdue: 4 * 3600))
    }

    func testPausesComeFromTheTransitionsOfTheCurrentEpisode() throws {
        var theCase = Case(
            id: .generate(), customerID: .generate(), status: .new, priority: 50, subject: "Bestelling kwijt", channel: .whatsapp,
            openedAt: ams(2026, 1, 5, 9), updatedAt: ams(2026, 1, 5, 9), lastInboundAt: ams(2026, 1, 5, 9), waitingSince: nil,
            signalCount: 1, reopenCount: 0, maxFollowers: 1_000_000, transitions: [])
        try theCase.transition(to: .waitingOnCustomer, at: ams(2026, 1, 5, 10), reason: "ordernummer gevraagd")
        try theCase.transition(to: .resolved, at: ams(2026, 1, 5, 11), reason: "opgelost")
        XCTAssertEqual(theCase.slaPauses, [SLAPause(start: ams(2026, 1, 5, 10), end: ams(2026, 1, 5, 11))])
        // The customer writes again: a new episode, whose clock knows nothing of the old pause.
        try theCase.transition(to: .open, at: ams(2026, 1, 12, 9), reason: "klant schreef opnieuw")
        XCTAssertEqual(theCase.slaPauses, [])
        // A large reach and a reopen: the high band (resolution in 2 business days).
        XCTAssertEqual(SLASettings.standard.clock(for: theCase, now: ams(2026, 1, 12, 9)).band, .high)
        try theCase.transition(to: .waitingOnCustomer, at: ams(2026, 1, 12, 10), reason: "ordernummer gevraagd")
        XCTAssertEqual(theCase.slaPauses, [SLAPause(start: ams(2026, 1, 12, 10), end: nil)])
        // The standard policy does not pause: every reply puts a case in this state.
        XCTAssertEqual(SLASettings.standard.clock(for: theCase, now: ams(2026, 1, 13, 9)).resolution.state,
                       .running(remaining: 6 * 3600))
        var pausing = SLAPolicy.standard
        pausing.pauseWhileWaitingOnCustomer = true
        let settings = SLASettings(policy: pausing)
        XCTAssertEqual(settings.clock(for: theCase, now: ams(2026, 1, 13, 9)).resolution.state, .paused(remaining: 15 * 3600))
        try theCase.transition(to: .open, at: ams(2026, 1, 13, 10), reason: "klant antwoordde")
        XCTAssertEqual(theCase.slaPauses, [SLAPause(start: ams(2026, 1, 12, 10), end: ams(2026, 1, 13, 10))])
        XCTAssertEqual(settings.clock(for: theCase, now: ams(2026, 1, 14, 12)).resolution.state, .atRisk(remaining: 3 * 3600))
    }

    func testClockStartsAtNextOpening() {
        // Instagram urgent (15 min) on Saturday: due Monday 08:15.
        let clock = SLAClock(calendar: calendar, policy: policy, channel: "instagram", priority: 95,
                             startedAt: ams(2026, 1, 10, 14), now: ams(2026, 1, 11, 12))
        XCTAssertEqual(clock.firstResponse.due, ams(2026, 1, 12, 8, 15))
        XCTAssertEqual(clock.firstResponse.state, .running(remaining: 15 * 60))
    }

    func testDisplay() {
        XCTAssertEqual(SLADisplay.remaining(45 * 60), "nog 45 min")
        XCTAssertEqual(SLADisplay.remaining(3 * 3600 + 10 * 60), "nog 3 u 10 min")
        XCTAssertEqual(SLADisplay.remaining(3 * 3600), "nog 3 u")
        XCTAssertEqual(SLADisplay.remaining(5), "nog 1 min")            // rounded up
        XCTAssertEqual(SLADisplay.remaining(3 * 3600, language: "en"), "3 h left")
        XCTAssertEqual(SLADisplay.overdue(2 * 3600 + 5 * 60 + 59), "2 u 5 min te laat")   // rounded down
        XCTAssertEqual(SLADisplay.overdue(30, language: "en"), "overdue")
        XCTAssertEqual(SLADisplay.overdue(61, language: "en-GB"), "1 min overdue")
        // From a day's worth of hours on, minutes are noise, as in the inbox's "18 d 23 u".
        XCTAssertEqual(SLADisplay.overdue(148 * 3600 + 45 * 60), "148 u te laat")
        XCTAssertEqual(SLADisplay.remaining(30 * 3600 + 10 * 60, language: "en"), "30 h left")
    }
}
