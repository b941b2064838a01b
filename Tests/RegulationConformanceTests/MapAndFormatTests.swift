import Foundation
import RegulationConformance
import RegulationModel
import RegulationParser
import Testing

/// An ИМ-style export (Russian headers and statuses, `;`, a BOM, quoted multi-line comments, dates as 17.03.2026 10:00
/// and 2026-03-17 14:30:00+05) through `--map`, and the map's own diagnostics.
@Suite struct MapAndFormatTests {
  static let map = """
    log_map: 1
    columns:
      case: Номер инцидента
      step: Статус
      time: Дата изменения статуса
      actor: Ответственный
      department: Подразделение
      category: Категория
    statuses:
      Выявлен: detected
      Прочитан: read
      Назначен исполнитель: route
      Ответ на согласовании: [answer, rework]
      Возвращен на доработку: approve
      Ответ согласован: approve
      Ответ опубликован: publish
    ignore_statuses: [Комментарий добавлен]
    categories:
      Обычное: обычные
      Важное: повышенной важности
    """

  static let export = "\u{FEFF}" + """
    Номер инцидента;Статус;Дата изменения статуса;Ответственный;Подразделение;Категория;Комментарий
    ИМ-1;Выявлен;17.03.2026 10:00;Куратор;ЦУР;Обычное;
    ИМ-1;Прочитан;17.03.2026 10:05;Куратор;ЦУР;Обычное;"Жалоба на ""яму"";
    вторая строка комментария"
    ИМ-1;Назначен исполнитель;17.03.2026 10:20;Куратор;ЦУР;Обычное;
    ИМ-1;Ответ на согласовании;17.03.2026 12:00;Иванова А. А.;Отдел ЖКХ;Обычное;
    ИМ-1;Возвращен на доработку;17.03.2026 12:20;Куратор;ЦУР;Обычное;
    ИМ-1;Комментарий добавлен;17.03.2026 12:30;Куратор;ЦУР;Обычное;
    ИМ-1;Ответ на согласовании;17.03.2026 12:40;Иванова А. А.;Отдел ЖКХ;Обычное;
    ИМ-1;Ответ согласован;17.03.2026 12:55;Куратор;ЦУР;Обычное;
    ИМ-1;Ответ опубликован;2026-03-17 14:30:00+05;Иванова А. А.;Отдел ЖКХ;Обычное;
    ИМ-1;Передан в архив;18.03.2026 09:00;Куратор;ЦУР;Обычное;
    ИМ-2;Выявлен;17.03.2026 10:00;Куратор;ЦУР;Важное;
    ИМ-2;Прочитан;17.03.2026 10:05;Куратор;ЦУР;Важное;
    ИМ-2;Назначен исполнитель;17.03.2026 10:20;Куратор;ЦУР;Важное;
    ИМ-2;Ответ на согласовании;17.03.2026 13:30;Петров П. П.;Отдел дорог;Важное;
    ИМ-2;Ответ согласован;17.03.2026 14:10;Куратор;ЦУР;Важное;
    ИМ-2;Ответ опубликован;17.03.2026 14:20;Петров П. П.;Отдел дорог;Важное;
    ИМ-3;Выявлен;32.03.2026 10:00;Куратор;ЦУР;Обычное;

    """

  /// Hand-computed (Yekaterinburg, +05:00): ИМ-1 publish due 30 working min after the approval at 12:55 = 14:25
  /// (lunch 13:00–14:00), done 14:30; ИМ-2 («Важное» → повышенной важности) answer due 3 working hours after 10:00 =
  /// 13:00, done 13:30, inside lunch: 30 calendar minutes, no working minutes late.
  static let expected = [
    Expected(caseID: "ИМ-1", kind: "late", step: "publish", due: "2026-03-17T14:25:00+05:00", late: 300, lateWorking: 300),
    Expected(caseID: "ИМ-1", kind: "unknown-status", step: "Передан в архив"),
    Expected(caseID: "ИМ-2", kind: "late", step: "answer", due: "2026-03-17T13:00:00+05:00", late: 1800, lateWorking: 0),
  ]

  func parsedMap() throws -> LogMap {
    let (map, diagnostics) = LogMapParser.parse(text: Self.map, path: "im.map.yaml")
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message.en))")
    return try #require(map)
  }

  @Test func imExportThroughMap() throws {
    let r = try audit("004-krasnoufimsk.yaml", log: Self.export, map: parsedMap())
    expectViolations(r, Self.expected)
    #expect(r.rejectedRows == 1)
    // The bad date is on line 19: the quoted comment spans lines 3–4.
    #expect(r.rejected.first?.position == 19)
    #expect(r.ignoredEvents == 1)
    #expect(r.cases == 2)
    #expect(r.notices.contains { $0.en.contains("delimiter") })
    let roads = try #require(r.byDepartment.first { $0.name == "Отдел дорог" })
    #expect(roads.cases == 1 && roads.answered == 1 && roads.overdueAnswers == 0)
    // Detected 10:00, published 14:20: 260 minutes.
    #expect(roads.minutesToAnswer == [260])
    let ivanova = try #require(r.byExecutor.first { $0.name == "Иванова А. А." })
    #expect(ivanova.overdueAnswers == 1 && ivanova.minutesToAnswer == [270])
  }

  @Test func windows1251IsDetectedAndRead() throws {
    let text = String(Self.export.dropFirst())
    let bytes = try #require(text.data(using: .windowsCP1251))
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reglament-cp1251-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("export.csv").path
    try bytes.write(to: URL(fileURLWithPath: path))
    let r = try Auditor.run(engine: engine("004-krasnoufimsk.yaml"), logs: [path], map: parsedMap())
    #expect(r.notices.contains { $0.en.contains("Windows-1251") })
    expectViolations(r, Self.expected)
  }

  @Test func mapDiagnosticsAreLocated() {
    let (map, diagnostics) = LogMapParser.parse(text: "log_map: 1\ncolumns:\n  case: Номер\n  stpe: Статус\ndelimter: ';'\n",
      path: "bad.map.yaml")
    #expect(map == nil)
    let unknown = diagnostics.filter { $0.id == .unknownKey }
    #expect(unknown.map(\.range.start.line).sorted() == [4, 5])
    #expect(unknown.contains { $0.hint?.en.contains("delimiter") == true })
  }

  @Test func mapToUnknownStepIsAnError() throws {
    let (map, _) = LogMapParser.parse(text: "log_map: 1\nstatuses:\n  Готово: publsh\n", path: "m.yaml")
    let m = try #require(map)
    #expect(throws: AuditError.self) { try audit("003-lipetsk.yaml", log: "case,step,time\n", map: m) }
  }

  @Test func missingColumnsMeanUnreadable() {
    #expect(throws: AuditError.self) { try audit("003-lipetsk.yaml", log: "id,status,when\nA,route,2026-03-17T10:00\n") }
  }

  @Test func timeForms() throws {
    let moscow = try #require(RegulationTimeZoneFor("Europe/Moscow"))
    let p = LogTimeParser(zone: moscow, target: moscow)
    #expect(p.parse("2026-05-08T17:40")?.description == "2026-05-08T17:40")
    #expect(p.parse("08.05.2026 17:40")?.description == "2026-05-08T17:40")
    #expect(p.parse("2026-05-08 17:40:00+05")?.description == "2026-05-08T15:40")
    #expect(p.parse("2026-05-08T14:40:00.000Z")?.description == "2026-05-08T17:40")
    #expect(p.parse("2026-05-08T17:40:00+0300")?.description == "2026-05-08T17:40")
    #expect(p.parse("2026-05-08") == nil)
    #expect(p.parse("2026-02-30T10:00") == nil)
    #expect(p.parse("08.05.2026 25:00") == nil)
  }

  @Test func quotedFieldsAndCRLF() throws {
    let log = "case,step,time,actor\r\n\"Q,1\",detected,2026-03-17T10:00,\"a \"\"b\"\"\r\nc\"\r\n\"Q,1\",route,2026-03-17T10:50,x\r\n"
    let r = try audit("003-lipetsk.yaml", log: log)
    expectViolations(r, [Expected(caseID: "Q,1", kind: "late", step: "route", due: "2026-03-17T10:30:00+03:00", late: 1200)])
  }
}

import WorkingTime

func RegulationTimeZoneFor(_ id: String) -> RegulationTimeZone? { RegulationTimeZone(identifier: id) }
