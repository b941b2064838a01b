import Foundation
import Testing
import RegulationEngine
import RegulationModel
import RegulationParser
import WorkingTime
@testable import RegulationSimulation

/// Rules with `when: {channel: …}` apply in simulation as in `reglament deadlines`: the scenario's channel mix is
/// part of each incident's profile.
@Suite struct ChannelTests {
  /// 10 calendar minutes from detection for Telegram, 600 for VK; every answer takes exactly 30 minutes and nobody
  /// waits (50 people round the clock): a Telegram message is always late, a VK one never.
  static let regulation: Regulation = {
    let text = """
      reglament: 1
      act: {id: test, title: Тест, body: Тест, kind: постановление}
      working_time:
        time_zone: Europe/Moscow
        schedule:
          hours: {mon-sun: "00:00-24:00"}
          pre_holiday_shortening_minutes: 0
        calendar: {base: ru}
      roles:
        - {id: agent, name: исполнитель}
      channels:
        - {id: vk, name: ВКонтакте, clause: "1"}
        - {id: telegram, name: Телеграм, clause: "1"}
      steps:
        - id: serve
          name: ответ
          role: agent
          clause: "1"
          deadline:
            - when: {channel: telegram}
              amount: 10
              clock: calendar-minutes
              from: detected
              clause: "1"
            - when: {channel: vk}
              amount: 600
              clock: calendar-minutes
              from: detected
              clause: "1"
          outcomes:
            - {if: done, to: end}
      """
    let r = RegulationParser.parse(text: text, path: "channels.yaml")
    precondition(r.diagnostics.allSatisfy { $0.severity != .error }, "\(r.diagnostics.map(\.message.en))")
    return r.regulation!
  }()

  static func scenario(_ channels: String) -> String {
    """
    scenario: 1
    horizon: {start: 2026-04-27, days: 10}
    arrivals: {per_day: 60, channels: \(channels)}
    staff:
      agent: {headcount: 50, always: true}
    durations:
      serve: {fixed: 30}
    """
  }

  /// The engine itself gives the two deadlines this test relies on (as `reglament deadlines --channel` does).
  @Test func theEngineGivesTheChannelsDeadlines() throws {
    let calc = try #require(DeadlineCalculator(regulation: Self.regulation))
    let detected = LocalTimestamp(date: CivilDate(year: 2026, month: 4, day: 27)!)
    for (channel, minutes) in [("telegram", 10), ("vk", 600)] {
      let d = try calc.deadlinesInForce(for: Incident(detected: detected, channel: channel))
      #expect(d["serve"]?.seconds == detected.seconds + minutes * 60, "\(channel)")
    }
  }

  @Test func channelRulesApplyInSimulation() {
    let telegram = Fixtures.outcome(Self.scenario("{telegram: 1}"), regulation: Self.regulation, runs: 2)
    #expect(telegram.base.incidents > 900)
    #expect(telegram.base.lateCases == telegram.base.incidents)
    let vk = Fixtures.outcome(Self.scenario("{vk: 1}"), regulation: Self.regulation, runs: 2)
    #expect(vk.base.incidents == telegram.base.incidents)
    #expect(vk.base.lateCases == 0)
    // Half and half: the late share is the Telegram share, within 4 standard deviations of a binomial count.
    let mixed = Fixtures.outcome(Self.scenario("{vk: 0.5, telegram: 0.5}"), regulation: Self.regulation, runs: 2)
    let n = Double(mixed.base.incidents), late = Double(mixed.base.lateCases)
    #expect(abs(late - n / 2) < 4 * (n * 0.25).squareRoot(), "\(late) late of \(n)")
    #expect(mixed.base.stepLate[0] == mixed.base.lateCases)
  }
}
