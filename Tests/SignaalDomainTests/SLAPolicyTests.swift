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
    }
}
