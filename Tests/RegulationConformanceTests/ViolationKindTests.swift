import Foundation
import RegulationConformance
import Testing

/// Every violation kind on each shipped regulation, with hand-made logs. Expected due instants and lateness are
/// computed by hand from the acts (Mon–Fri 09:00–18:00, lunch 13:00–14:00; 2026-03-17 is a Tuesday) and written here.
@Suite struct ViolationKindTests {
  static let lipetskLog = """
    case,step,time,actor,department,category
    L-OK,detected,2026-03-17T10:00,Куратор,ИТЦ,
    L-OK,route,2026-03-17T10:20,Куратор,ИТЦ,
    L-OK,draft,2026-03-17T12:00,Иванов,Управление ЖКХ,
    L-OK,approve,2026-03-17T12:30,Куратор,ИТЦ,
    L-OK,publish,2026-03-17T12:50,Иванов,Управление ЖКХ,
    L-LATE,detected,2026-03-17T10:00,Куратор,ИТЦ,
    L-LATE,route,2026-03-17T10:45,Куратор,ИТЦ,
    L-LATE,draft,2026-03-17T12:00,Петров,Управление дорог,
    L-LATE,approve,2026-03-17T12:30,Куратор,ИТЦ,
    L-LATE,publish,2026-03-17T13:10,Петров,Управление дорог,
    L-MISS,detected,2026-03-17T10:00,,,
    L-MISS,publish,2026-03-17T11:00,Петров,Управление дорог,
    L-ORDER,detected,2026-03-17T10:00,,,
    L-ORDER,route,2026-03-17T10:10,,,
    L-ORDER,approve,2026-03-17T11:00,,,
    L-ORDER,draft,2026-03-17T11:30,,,
    L-ORDER,publish,2026-03-17T11:25,,,
    L-EXCL,detected,2026-03-17T10:00,,,
    L-EXCL,abusive,2026-03-17T10:05,,,
    L-EXCL,route,2026-03-17T10:10,,,
    L-EXCL,draft,2026-03-17T11:00,,,
    L-EXCL,approve,2026-03-17T11:20,,,
    L-EXCL,publish,2026-03-17T11:30,,,
    L-REWORK,detected,2026-03-17T10:00,,,
    L-REWORK,route,2026-03-17T10:10,,,
    L-REWORK,draft,2026-03-17T17:00,,,
    L-REWORK,approve,2026-03-17T17:30,,,
    L-REWORK,rework,2026-03-18T09:30,,,
    L-REWORK,approve,2026-03-18T10:20,,,
    L-REWORK,rework,2026-03-18T11:10,,,
    L-REWORK,approve,2026-03-18T11:30,,,
    L-REWORK,publish,2026-03-18T11:50,,,
    L-NEVER,detected,2026-03-17T10:00,,,
    L-NEVER,route,2026-03-17T10:10,,,
    L-UNK,detected,2026-03-17T10:00,,,
    L-UNK,Закрыто,2026-03-17T10:05,,,
    L-CAT,detected,2026-03-17T10:00,,,A
    L-CAT,route,2026-03-17T10:10,,,B
    L-CAT,draft,2026-03-17T11:00,,,B
    L-CAT,approve,2026-03-17T11:20,,,B
    L-CAT,publish,2026-03-17T11:30,,,B
    L-BEFORE,detected,2026-03-19T10:00,,,
    L-BEFORE,route,2026-03-19T09:50,,,
    L-BAD,route,2026-13-45T10:00,,,
    """

  /// Липецк (003): every kind, and a row with an impossible date.
  static let lipetsk = ActLog(
    file: "003-lipetsk.yaml",
    // п. 6 route 30 calendar min from detection; п. 8 answer 9 working hours: Tue 10:00 → Wed 11:00; п. 10 approve
    // 1 working hour; п. 12 publish 30 min after approval.
    log: lipetskLog,
    expected: [
      Expected(caseID: "L-LATE", kind: "late", step: "route", due: "2026-03-17T10:30:00+03:00", late: 900, lateWorking: 900),
      // 13:00–13:10 is the lunch break: no working time late.
      Expected(caseID: "L-LATE", kind: "late", step: "publish", due: "2026-03-17T13:00:00+03:00", late: 600, lateWorking: 0),
      Expected(caseID: "L-MISS", kind: "missing", step: "approve"),
      Expected(caseID: "L-ORDER", kind: "out-of-order", step: "approve"),
      Expected(caseID: "L-EXCL", kind: "excluded-but-answered", step: "publish"),
      Expected(caseID: "L-REWORK", kind: "rework-beyond-limit", step: "approve", due: "2026-03-18T11:00:00+03:00"),
      Expected(caseID: "L-REWORK", kind: "late", step: "answer", due: "2026-03-18T11:00:00+03:00", late: 3000, lateWorking: 3000),
      Expected(caseID: "L-NEVER", kind: "never-answered", step: "answer", due: "2026-03-18T11:00:00+03:00"),
      Expected(caseID: "L-UNK", kind: "unknown-status", step: "Закрыто"),
      Expected(caseID: "L-UNK", kind: "never-answered", step: "answer", due: "2026-03-18T11:00:00+03:00"),
      Expected(caseID: "L-CAT", kind: "category-changed", step: nil),
      Expected(caseID: "L-BEFORE", kind: "before-detection", step: "route"),
    ],
    excludedClause: "17")

  /// Красноуфимск (004): categories with their own deadlines and a limit for «повышенной важности».
  static let krasnoufimsk = ActLog(
    file: "004-krasnoufimsk.yaml",
    // Yekaterinburg (+05:00). п. 10 route 30 working min from reading; п. 12 answer 6 working hours (обычные) or 3
    // (повышенной важности) from detection; п. 14 approve, п. 15 rework, п. 16 publish 30 working min; п. 8 limit
    // for повышенной важности: 4 working hours from detection, Tue 10:00 → 15:00.
    log: """
    case,step,time,actor,department,category
    K-OK,detected,2026-03-17T10:00,,,обычные
    K-OK,read,2026-03-17T10:05,,,
    K-OK,route,2026-03-17T10:20,,,
    K-OK,answer,2026-03-17T12:00,Иванова,Отдел ЖКХ,
    K-OK,approve,2026-03-17T12:20,,,
    K-OK,publish,2026-03-17T12:40,,,
    K-LATE,detected,2026-03-17T10:00,,,повышенной важности
    K-LATE,read,2026-03-17T10:05,,,
    K-LATE,route,2026-03-17T10:20,,,
    K-LATE,answer,2026-03-17T14:30,Сидоров,Отдел дорог,
    K-LATE,approve,2026-03-17T14:50,,,
    K-LATE,publish,2026-03-17T15:10,,,
    K-CAT,detected,2026-03-17T10:00,,,обычные
    K-CAT,read,2026-03-17T10:05,,,повышенной важности
    K-CAT,route,2026-03-17T10:20,,,
    K-CAT,answer,2026-03-17T15:00,,,
    K-CAT,approve,2026-03-17T15:20,,,
    K-CAT,publish,2026-03-17T15:40,,,
    K-MISS,detected,2026-03-17T10:00,,,
    K-MISS,read,2026-03-17T10:05,,,
    K-MISS,route,2026-03-17T10:20,,,
    K-MISS,publish,2026-03-17T11:00,,,
    K-ORDER,detected,2026-03-17T10:00,,,
    K-ORDER,read,2026-03-17T10:05,,,
    K-ORDER,answer,2026-03-17T10:30,,,
    K-ORDER,route,2026-03-17T10:34,,,
    K-ORDER,approve,2026-03-17T11:00,,,
    K-ORDER,publish,2026-03-17T11:10,,,
    K-EXCL,detected,2026-03-17T10:00,,,
    K-EXCL,abusive,2026-03-17T10:03,,,
    K-EXCL,read,2026-03-17T10:05,,,
    K-EXCL,route,2026-03-17T10:20,,,
    K-EXCL,answer,2026-03-17T11:00,,,
    K-EXCL,approve,2026-03-17T11:10,,,
    K-EXCL,publish,2026-03-17T11:20,,,
    K-REWORK,detected,2026-03-17T10:00,,,important
    K-REWORK,read,2026-03-17T10:05,,,
    K-REWORK,route,2026-03-17T10:20,,,
    K-REWORK,answer,2026-03-17T11:30,,,
    K-REWORK,approve,2026-03-17T11:50,,,
    K-REWORK,rework,2026-03-17T12:15,,,
    K-REWORK,approve,2026-03-17T12:40,,,
    K-REWORK,rework,2026-03-17T14:10,,,
    K-REWORK,approve,2026-03-17T14:35,,,
    K-REWORK,rework,2026-03-17T15:02,,,
    K-REWORK,approve,2026-03-17T15:04,,,
    K-REWORK,publish,2026-03-17T15:20,,,
    K-NEVER,detected,2026-03-17T10:00,,,important
    K-NEVER,read,2026-03-17T10:05,,,
    K-NEVER,route,2026-03-17T10:20,,,
    K-UNK,detected,2026-03-17T10:00,,,
    K-UNK,Закрыто,2026-03-17T10:05,,,
    K-BEFORE,detected,2026-03-19T10:00,,,
    K-BEFORE,read,2026-03-19T09:55,,,
    """,
    expected: [
      // 3 working hours from 10:00 end at 13:00; 14:30 is 90 calendar minutes but 30 working minutes later.
      Expected(caseID: "K-LATE", kind: "late", step: "answer", due: "2026-03-17T13:00:00+05:00", late: 5400, lateWorking: 1800),
      Expected(caseID: "K-LATE", kind: "late", step: "important-reaction", due: "2026-03-17T15:00:00+05:00", late: 600,
        lateWorking: 600),
      // Under «повышенной важности» the answer at 15:00 would be late; the category at detection governs.
      Expected(caseID: "K-CAT", kind: "category-changed", step: nil),
      Expected(caseID: "K-MISS", kind: "missing", step: "approve"),
      Expected(caseID: "K-ORDER", kind: "out-of-order", step: "answer"),
      Expected(caseID: "K-EXCL", kind: "excluded-but-answered", step: "publish"),
      Expected(caseID: "K-REWORK", kind: "rework-beyond-limit", step: "approve", due: "2026-03-17T15:00:00+05:00", late: 240),
      Expected(caseID: "K-REWORK", kind: "late", step: "important-reaction", due: "2026-03-17T15:00:00+05:00", late: 1200),
      Expected(caseID: "K-NEVER", kind: "never-answered", step: "important-reaction", due: "2026-03-17T15:00:00+05:00"),
      Expected(caseID: "K-UNK", kind: "unknown-status", step: "Закрыто"),
      Expected(caseID: "K-BEFORE", kind: "before-detection", step: "read"),
    ],
    excludedClause: "21")

  /// Усть-Лабинск (000): a draft counted back from the answer deadline.
  static let ustLabinsk = ActLog(
    file: "000-ust-labinsk.yaml",
    // п. 10 distribute 30 min after routing; п. 13 draft 4 h before the answer deadline; п. 14 approve 30 min; п. 15
    // rework 1 h; п. 16 publish 30 min; п. 9 answer 8 working hours: Tue 10:00 → Wed 10:00.
    log: """
    case,step,time
    U-LATE,detected,2026-03-17T10:00
    U-LATE,route,2026-03-17T10:05
    U-LATE,distribute,2026-03-17T10:50
    U-LATE,department-info,2026-03-17T11:00
    U-LATE,draft,2026-03-17T12:00
    U-LATE,approve,2026-03-17T12:20
    U-LATE,publish,2026-03-17T12:40
    U-MISS,detected,2026-03-17T10:00
    U-MISS,route,2026-03-17T10:05
    U-MISS,distribute,2026-03-17T10:10
    U-MISS,draft,2026-03-17T11:00
    U-MISS,approve,2026-03-17T11:10
    U-MISS,publish,2026-03-17T11:20
    U-ORDER,detected,2026-03-17T10:00
    U-ORDER,route,2026-03-17T10:05
    U-ORDER,distribute,2026-03-17T10:10
    U-ORDER,department-info,2026-03-17T10:20
    U-ORDER,approve,2026-03-17T10:40
    U-ORDER,draft,2026-03-17T10:50
    U-ORDER,publish,2026-03-17T11:00
    U-EXCL,detected,2026-03-17T10:00
    U-EXCL,abusive,2026-03-17T10:01
    U-EXCL,route,2026-03-17T10:05
    U-EXCL,distribute,2026-03-17T10:10
    U-EXCL,department-info,2026-03-17T10:20
    U-EXCL,draft,2026-03-17T10:30
    U-EXCL,approve,2026-03-17T10:40
    U-EXCL,publish,2026-03-17T10:50
    U-REWORK,detected,2026-03-17T10:00
    U-REWORK,route,2026-03-17T10:05
    U-REWORK,distribute,2026-03-17T10:10
    U-REWORK,department-info,2026-03-17T10:20
    U-REWORK,draft,2026-03-17T11:00
    U-REWORK,approve,2026-03-17T11:20
    U-REWORK,rework,2026-03-18T10:30
    U-REWORK,approve,2026-03-18T10:50
    U-REWORK,publish,2026-03-18T11:10
    U-NEVER,detected,2026-03-17T10:00
    U-NEVER,route,2026-03-17T10:05
    U-UNK,detected,2026-03-17T10:00
    U-UNK,Закрыто,2026-03-17T10:05
    U-BEFORE,detected,2026-03-19T10:00
    U-BEFORE,route,2026-03-19T09:40
    """,
    expected: [
      Expected(caseID: "U-LATE", kind: "late", step: "distribute", due: "2026-03-17T10:35:00+03:00", late: 900, lateWorking: 900),
      Expected(caseID: "U-MISS", kind: "missing", step: "department-info"),
      Expected(caseID: "U-ORDER", kind: "out-of-order", step: "approve"),
      Expected(caseID: "U-EXCL", kind: "excluded-but-answered", step: "publish"),
      // Rework due 1 h after the approval at 11:20; done next day 10:30: 22 h 10 min, of which working
      // 12:20–13:00, 14:00–18:00, 09:00–10:30 = 370 min.
      Expected(caseID: "U-REWORK", kind: "late", step: "rework", due: "2026-03-17T12:20:00+03:00", late: 79_800,
        lateWorking: 22_200),
      Expected(caseID: "U-REWORK", kind: "rework-beyond-limit", step: "approve", due: "2026-03-18T10:00:00+03:00"),
      Expected(caseID: "U-REWORK", kind: "late", step: "answer", due: "2026-03-18T10:00:00+03:00", late: 4200, lateWorking: 4200),
      Expected(caseID: "U-NEVER", kind: "never-answered", step: "answer", due: "2026-03-18T10:00:00+03:00"),
      Expected(caseID: "U-UNK", kind: "unknown-status", step: "Закрыто"),
      Expected(caseID: "U-UNK", kind: "never-answered", step: "answer", due: "2026-03-18T10:00:00+03:00"),
      Expected(caseID: "U-BEFORE", kind: "before-detection", step: "route"),
    ],
    excludedClause: "20")

  /// Ставрополь (001): `;`-delimited, send-back and rework rounds.
  static let stavropol = ActLog(
    file: "001-stavropol.yaml",
    // п. 9 route 30 min; п. 11 answer 4 working hours from routing; п. 12 draft 1.5 working hours before it; п. 13
    // approve 30 min; п. 14 publish 30 min after the МЦУ approval, not later than the answer deadline; п. 15 send-back
    // 10 min; п. 16 rework 15 min.
    log: """
    case;step;time
    S-LATE;detected;2026-03-17T10:00
    S-LATE;route;2026-03-17T10:40
    S-LATE;draft;2026-03-17T11:00
    S-LATE;approve;2026-03-17T11:20
    S-LATE;approve-cur;2026-03-17T11:40
    S-LATE;publish;2026-03-17T12:00
    S-MISS;detected;2026-03-17T10:00
    S-MISS;route;2026-03-17T10:10
    S-MISS;draft;2026-03-17T11:00
    S-MISS;approve;2026-03-17T11:10
    S-MISS;publish;2026-03-17T11:20
    S-ORDER;detected;2026-03-17T10:00
    S-ORDER;route;2026-03-17T10:10
    S-ORDER;approve;2026-03-17T10:30
    S-ORDER;draft;2026-03-17T10:40
    S-ORDER;approve-cur;2026-03-17T10:50
    S-ORDER;publish;2026-03-17T11:00
    S-EXCL;detected;2026-03-17T10:00
    S-EXCL;abusive;2026-03-17T10:01
    S-EXCL;route;2026-03-17T10:10
    S-EXCL;draft;2026-03-17T11:00
    S-EXCL;approve;2026-03-17T11:10
    S-EXCL;approve-cur;2026-03-17T11:20
    S-EXCL;publish;2026-03-17T11:30
    S-REWORK;detected;2026-03-17T10:00
    S-REWORK;route;2026-03-17T10:10
    S-REWORK;draft;2026-03-17T12:30
    S-REWORK;send-back;2026-03-17T12:35
    S-REWORK;rework;2026-03-17T12:45
    S-REWORK;send-back;2026-03-17T15:15
    S-REWORK;rework;2026-03-17T15:25
    S-REWORK;approve;2026-03-17T15:40
    S-REWORK;approve-cur;2026-03-17T15:50
    S-REWORK;publish;2026-03-17T16:00
    S-NEVER;detected;2026-03-17T10:00
    S-NEVER;route;2026-03-17T10:10
    S-UNK;detected;2026-03-17T10:00
    S-UNK;Закрыто;2026-03-17T10:05
    S-BEFORE;detected;2026-03-19T10:00
    S-BEFORE;route;2026-03-19T09:50
    """,
    expected: [
      Expected(caseID: "S-LATE", kind: "late", step: "route", due: "2026-03-17T10:30:00+03:00", late: 600, lateWorking: 600),
      Expected(caseID: "S-MISS", kind: "missing", step: "approve-cur"),
      Expected(caseID: "S-ORDER", kind: "out-of-order", step: "approve"),
      Expected(caseID: "S-EXCL", kind: "excluded-but-answered", step: "publish"),
      // Answer: 10:10 + 4 working hours = 15:10. Second send-back due 10 min after the rework at 12:45.
      Expected(caseID: "S-REWORK", kind: "late", step: "send-back", due: "2026-03-17T12:55:00+03:00", late: 8400,
        lateWorking: 4800),
      Expected(caseID: "S-REWORK", kind: "rework-beyond-limit", step: "send-back", due: "2026-03-17T15:10:00+03:00"),
      Expected(caseID: "S-REWORK", kind: "late", step: "publish", due: "2026-03-17T15:10:00+03:00", late: 3000, lateWorking: 3000),
      Expected(caseID: "S-REWORK", kind: "late", step: "answer", due: "2026-03-17T15:10:00+03:00", late: 3000, lateWorking: 3000),
      Expected(caseID: "S-NEVER", kind: "never-answered", step: "answer", due: "2026-03-17T15:10:00+03:00"),
      Expected(caseID: "S-UNK", kind: "unknown-status", step: "Закрыто"),
      // Routing not recorded: assumed at its deadline 10:30, so the answer is due 15:30.
      Expected(caseID: "S-UNK", kind: "never-answered", step: "answer", due: "2026-03-17T15:30:00+03:00"),
      Expected(caseID: "S-BEFORE", kind: "before-detection", step: "route"),
    ],
    excludedClause: "22")

  /// Оха (002): tab-delimited, no overall limit.
  static let okha = ActLog(
    file: "002-okha.yaml", logName: "log.tsv",
    // Asia/Sakhalin (+11:00). п. 3.1 check-route 3 working hours from posting; п. 3.2 process 24 hours of working days.
    // The act sets no overall limit, so no rework round can pass one (rework-beyond-limit does not apply).
    log: """
    case\tstep\ttime
    O-LATE\tdetected\t2026-03-17T10:00
    O-LATE\tcheck-route\t2026-03-17T14:30
    O-LATE\tprocess\t2026-03-17T15:00
    O-LATE\tcheck-answer\t2026-03-17T15:10
    O-LATE\tpublish\t2026-03-17T15:20
    O-MISS\tdetected\t2026-03-17T10:00
    O-MISS\tcheck-route\t2026-03-17T10:30
    O-MISS\tpublish\t2026-03-17T11:00
    O-ORDER\tdetected\t2026-03-17T10:00
    O-ORDER\tcheck-route\t2026-03-17T10:30
    O-ORDER\tcheck-answer\t2026-03-17T11:00
    O-ORDER\tprocess\t2026-03-17T11:30
    O-ORDER\tpublish\t2026-03-17T12:00
    O-EXCL\tdetected\t2026-03-17T10:00
    O-EXCL\tabusive\t2026-03-17T10:05
    O-EXCL\tcheck-route\t2026-03-17T10:30
    O-EXCL\tprocess\t2026-03-17T11:00
    O-EXCL\tcheck-answer\t2026-03-17T11:10
    O-EXCL\tpublish\t2026-03-17T11:20
    O-NEVER\tdetected\t2026-03-17T10:00
    O-NEVER\tcheck-route\t2026-03-17T10:30
    O-UNK\tdetected\t2026-03-17T10:00
    O-UNK\tЗакрыто\t2026-03-17T10:05
    O-BEFORE\tdetected\t2026-03-19T10:00
    O-BEFORE\tcheck-route\t2026-03-19T09:30
    """,
    expected: [
      Expected(caseID: "O-LATE", kind: "late", step: "check-route", due: "2026-03-17T13:00:00+11:00", late: 5400, lateWorking: 1800),
      Expected(caseID: "O-MISS", kind: "missing", step: "check-answer"),
      Expected(caseID: "O-ORDER", kind: "out-of-order", step: "check-answer"),
      Expected(caseID: "O-EXCL", kind: "excluded-but-answered", step: "publish"),
      Expected(caseID: "O-NEVER", kind: "never-answered", step: "process", due: "2026-03-18T10:00:00+11:00"),
      Expected(caseID: "O-UNK", kind: "unknown-status", step: "Закрыто"),
      Expected(caseID: "O-UNK", kind: "never-answered", step: "check-route", due: "2026-03-17T13:00:00+11:00"),
      Expected(caseID: "O-BEFORE", kind: "before-detection", step: "check-route"),
    ],
    excludedClause: "3.6")

  /// Each act's hand-made log yields exactly its expected violations, and the exclusion is cited by its clause.
  @Test(arguments: [lipetsk, krasnoufimsk, ustLabinsk, stavropol, okha])
  func everyKind(_ act: ActLog) throws {
    let r = try audit(act.file, log: act.log, name: act.logName)
    expectViolations(r, act.expected)
    #expect(r.violations.first { $0.kind == .excludedButAnswered }?.clause == act.excludedClause)
  }

  /// The Lipetsk log's bad row is rejected with its line; who is responsible comes from the act and the log.
  @Test func lipetskRowsAndResponsibility() throws {
    let r = try audit(Self.lipetsk.file, log: Self.lipetsk.log)
    #expect(r.rejectedRows == 1)
    #expect(r.rejected.first?.position == 45)
    #expect(r.cases == 10)
    #expect(r.violatingCases == 8)
    #expect(r.violations.first { $0.caseID == "L-LATE" && $0.step == "route" }?.role == "curator")
    #expect(r.violations.first { $0.caseID == "L-LATE" && $0.step == "publish" }?.department == "Управление дорог")
  }

  /// The Krasnoufimsk log has no bad row.
  @Test func krasnoufimskRejectsNothing() throws {
    #expect(try audit(Self.krasnoufimsk.file, log: Self.krasnoufimsk.log).rejectedRows == 0)
  }
}

/// One act's hand-made log and the violations computed by hand from the act.
struct ActLog: Sendable, CustomTestStringConvertible {
  var file: String
  var logName = "log.csv"
  var log: String
  var expected: [Expected]
  var excludedClause: String
  var testDescription: String { file }
}
