import Foundation
import SignaalDomain
import Testing

@Suite("Staffing: Erlang C and the forecast of the day")
struct StaffingTests {
    // Reference values computed independently (Python, the textbook formulas).
    @Test("Erlang C matches reference values: 24 erlangs, 20-second target, 4-minute calls")
    func erlangReference() {
        let traffic = 360.0 * 240 / 3600
        #expect(abs(ErlangC.probabilityOfWaiting(agents: 25, traffic: traffic) - 0.7785) < 0.0001)
        #expect(abs(ErlangC.probabilityOfWaiting(agents: 29, traffic: traffic) - 0.2423) < 0.0001)
        #expect(abs(ErlangC.serviceLevel(agents: 28, traffic: traffic, handleSeconds: 240, targetSeconds: 20) - 0.7613) < 0.0001)
        #expect(abs(ErlangC.serviceLevel(agents: 29, traffic: traffic, handleSeconds: 240, targetSeconds: 20) - 0.8403) < 0.0001)
        // 28 agents reach 76 %, 29 reach 84 %: 29 are needed for 80 % within 20 seconds.
        #expect(ErlangC.agentsNeeded(arrivalsPerHour: 360, handleSeconds: 240, targetSeconds: 20, serviceLevel: 0.8) == 29)
    }

    @Test("too few agents never keep up; nothing arriving needs nobody; the numbers stay finite for big traffic")
    func edges() {
        #expect(ErlangC.probabilityOfWaiting(agents: 2, traffic: 2) == 1)
        #expect(ErlangC.serviceLevel(agents: 2, traffic: 3, handleSeconds: 360, targetSeconds: 1800) == 0)
        #expect(ErlangC.agentsNeeded(arrivalsPerHour: 0, handleSeconds: 360, targetSeconds: 1800, serviceLevel: 0.8) == 0)
        let big = ErlangC.agentsNeeded(arrivalsPerHour: 20_000, handleSeconds: 360, targetSeconds: 60, serviceLevel: 0.9)
        #expect(big > 2000 && big < 2100)
    }

    @Test("webcare: 20 messages an hour of 6 minutes need 3 working agents at 85 % occupancy, 4 on duty with a quarter for breaks")
    func webcareDefaults() {
        #expect(ErlangC.agentsNeeded(arrivalsPerHour: 20, handleSeconds: 360, targetSeconds: 1800, serviceLevel: 0.8, maximumOccupancy: 0.85) == 3)
        #expect(StaffingTargets.standard.agentsOnDuty(arrivalsPerHour: 20) == 4)
        // A message every four hours still needs someone; one person with a break covers it.
        #expect(StaffingTargets.standard.agentsOnDuty(arrivalsPerHour: 0.25) == 1)
        // 60 an hour: 8 working (occupancy), 10.7 with breaks, so 11 on duty.
        #expect(StaffingTargets.standard.agentsOnDuty(arrivalsPerHour: 60) == 11)
        // From two working agents up, the breaks never leave fewer on the floor than the work needs.
        let targets = StaffingTargets.standard
        for arrivals in stride(from: 1.0, through: 200, by: 1) {
            let working = ErlangC.agentsNeeded(
                arrivalsPerHour: arrivals, handleSeconds: targets.handleMinutes * 60, targetSeconds: targets.answerWithinMinutes * 60,
                serviceLevel: targets.serviceLevel, maximumOccupancy: targets.maximumOccupancy)
            let onDuty = targets.agentsOnDuty(arrivalsPerHour: arrivals)
            if working > 1 { #expect(Double(onDuty) * (1 - targets.shrinkage) >= Double(working) - 1e-9, "\(arrivals): \(onDuty) for \(working)") }
        }
        // Longer handling needs more people.
        #expect(StaffingTargets(handleMinutes: 12).agentsOnDuty(arrivalsPerHour: 20) > StaffingTargets.standard.agentsOnDuty(arrivalsPerHour: 20))
    }

    let calendar = BusinessCalendar.standard
    var forecast: StaffingForecast { StaffingForecast(calendar: calendar, targets: .standard) }

    /// Monday 2026-11-23 in Amsterdam: 24 hours, the desk open 08:00–18:00.
    let monday = CalendarDay(year: 2026, month: 11, day: 23)

    func at(_ day: CalendarDay, _ hour: Int, _ minute: Int = 0) -> Date { calendar.date(on: day, hour: hour, minute: minute) }

    @Test("an hour expects the average of the same weekday's hour over the past weeks that had messages")
    func averages() {
        var counts: [Date: Int] = [:]
        // Three past Mondays with 10, 20 and 30 messages at 09:00; the fourth week Signaal was not in use yet.
        for (weeks, count) in [(1, 10), (2, 20), (3, 30)] { counts[at(monday.adding(days: -7 * weeks), 9)] = count }
        // A Sunday's messages do not count for Monday.
        counts[at(monday.adding(days: -1), 9)] = 500
        // Today so far: 4 at 09:00.
        counts[at(monday, 9)] = 4
        let now = at(monday, 9, 30)
        let hours = forecast.forecast(day: monday, counts: counts, lastHour: 4, now: now)
        #expect(hours.count == 24)
        let nine = hours[9]
        #expect(nine.hour.start == at(monday, 9))
        #expect(nine.expected == 20)
        #expect(nine.arrived == 4)
        #expect(nine.agents == StaffingTargets.standard.agentsOnDuty(arrivalsPerHour: 20))
        #expect(nine.agentsAtCurrentPace == nil)  // calmer than usual
        // A little busier than usual, but the same people cope: nothing to say.
        let busier = forecast.forecast(day: monday, counts: counts, lastHour: 22, now: now)[9]
        #expect(StaffingTargets.standard.agentsOnDuty(arrivalsPerHour: 22) == nine.agents)
        #expect(busier.agentsAtCurrentPace == nil)
        #expect(hours[8].arrived == 0 && hours[10].arrived == nil)
        #expect(hours[10].expected == 0 && hours[10].agents == 0)
        #expect(hours.filter(\.open).map { Int($0.hour.start.timeIntervalSince(at(monday, 0)) / 3600) } == Array(8..<18))
    }

    @Test("a storm in the current open hour asks for more people than planned")
    func storm() {
        var counts: [Date: Int] = [:]
        for weeks in 1...4 { counts[at(monday.adding(days: -7 * weeks), 10)] = 6 }
        counts[at(monday, 10)] = 25
        let ten = forecast.forecast(day: monday, counts: counts, lastHour: 60, now: at(monday, 10, 25))[10]
        #expect(ten.open)
        #expect(ten.expected == 6)
        #expect(ten.agentsAtCurrentPace == StaffingTargets.standard.agentsOnDuty(arrivalsPerHour: 60))
        #expect(ten.agentsAtCurrentPace! > ten.agents)
    }

    @Test("a closed hour plans nobody, also in a storm; its messages are advice to stay open longer")
    func closedHours() {
        var counts: [Date: Int] = [:]
        for weeks in 1...4 { counts[at(monday.adding(days: -7 * weeks), 20)] = 6 }
        counts[at(monday, 20)] = 25
        let hours = forecast.forecast(day: monday, counts: counts, lastHour: 60, now: at(monday, 20, 25))
        let eight = hours[20]
        #expect(eight.expected == 6)
        #expect(!eight.open)
        #expect(eight.agents == 0, "nobody works a closed hour")
        #expect(eight.agentsAtCurrentPace == nil, "no call to bring people in while closed")
        #expect(hours.filter { !$0.open }.allSatisfy { $0.agents == 0 })
        // Usually 6 messages arrive at 20:00 while the desk is closed: advice to stay open longer.
        let advice = OpeningAdvice.extend(hours)
        #expect(advice?.hours.map(\.hour.start) == [at(monday, 20)])
        #expect(advice?.expected == 6)
    }

    @Test("the days the clocks change have 25 and 23 hours; the forecast reads four weeks back")
    func clocksGoBack() {
        // Sunday 2026-10-25: 03:00 CEST becomes 02:00 CET.
        let sunday = CalendarDay(year: 2026, month: 10, day: 25)
        #expect(forecast.hours(of: sunday).count == 25)
        #expect(forecast.hours(of: CalendarDay(year: 2026, month: 3, day: 29)).count == 23)
        let period = forecast.countedPeriod(for: monday)
        #expect(period.start == at(monday.adding(days: -28), 0))
        #expect(period.end == at(monday.adding(days: 1), 0))
    }
}
