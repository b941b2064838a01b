import RegulationDiagnostics

/// `bench --format text`: the JSON object of `bench` for a person, in Russian or English. Each field gets its label;
/// a field without one (a role's or a step's id inside a breakdown) is shown by its name. Numbers keep every digit
/// the JSON has: integers grouped by thousands, decimals with the language's separator.
enum BenchTextReport {
  static func render(_ value: JSONValue, language: Language) -> String {
    var out = ""
    write(value, indent: 0, language: language, into: &out)
    return out
  }

  private static func write(_ value: JSONValue, indent: Int, language: Language, into out: inout String) {
    let pad = String(repeating: "  ", count: indent)
    switch value {
    case .object(let fields):
      for (key, field) in fields {
        let name = label(key, language)
        if case .object = field {
          out += "\(pad)\(name):\n"
          write(field, indent: indent + 1, language: language, into: &out)
        } else if isNested(field) {
          out += "\(pad)\(name):\n"
          write(field, indent: indent + 1, language: language, into: &out)
        } else {
          out += "\(pad)\(name): \(scalar(field, language))\n"
        }
      }
    case .array(let items):
      for (i, item) in items.enumerated() {
        out += "\(pad)\(i + 1).\n"
        write(item, indent: indent + 1, language: language, into: &out)
      }
    default:
      out += "\(pad)\(scalar(value, language))\n"
    }
  }

  /// An array of objects or arrays is written as numbered blocks; an array of numbers on one line.
  private static func isNested(_ value: JSONValue) -> Bool {
    guard case .array(let items) = value else { return false }
    return items.contains { if case .object = $0 { return true }; if case .array = $0 { return true }; return false }
  }

  private static func scalar(_ value: JSONValue, _ language: Language) -> String {
    switch value {
    case .int(let n): return grouped(n, language)
    case .double:
      let text = value.serialized()
      return language == .ru ? text.replacingOccurrences(of: ".", with: ",") : text
    case .bool(let b): return b ? (language == .ru ? "да" : "yes") : (language == .ru ? "нет" : "no")
    case .string(let s): return s
    case .null: return "—"
    case .array(let items): return items.map { scalar($0, language) }.joined(separator: language == .ru ? "; " : ", ")
    case .object: return ""
    }
  }

  /// 9937500 as «9 937 500» (Russian) or 9,937,500 (English).
  static func grouped(_ n: Int, _ language: Language) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out += language == .ru ? "\u{00A0}" : "," }
      out.append(c)
    }
    return (n < 0 ? "-" : "") + out
  }

  private static func label(_ key: String, _ language: Language) -> String {
    guard let l = labels[key] else { return key }
    return language == .ru ? l.ru : l.en
  }

  /// The label of every field `bench` writes (the JSON keys are the contract; these are for reading).
  static let labels: [String: (en: String, ru: String)] = [
    // sections
    "working_time": ("Working-time additions", "Сложение рабочего времени"),
    "parse": ("Parsing", "Разбор"),
    "analysis": ("Analysis (check)", "Анализ (check)"),
    "engine": ("Deadlines of incidents (engine)", "Сроки инцидентов (движок)"),
    "simulation": ("Simulation", "Имитация"),
    "audit": ("Audit of a log", "Аудит журнала"),
    // working time
    "additions": ("additions", "сложений"),
    "seconds": ("seconds", "секунд"),
    "additions_per_second": ("additions per second", "сложений в секунду"),
    "table_setup_seconds": ("table set-up, s", "построение таблицы, с"),
    "oracle_disagreements_of_1000": ("disagreements with minute stepping, of 1000",
      "расхождений с поминутным счётом из 1000"),
    "checksum": ("checksum", "контрольная сумма"),
    // parse
    "megabytes": ("megabytes", "мегабайт"),
    "best_seconds": ("best time, s", "лучшее время, с"),
    "megabytes_per_second": ("megabytes per second", "мегабайт в секунду"),
    "errors": ("errors", "ошибок"),
    "yaml_only_seconds": ("YAML alone, best time, s", "только YAML, лучшее время, с"),
    "yaml_only_megabytes_per_second": ("YAML alone, megabytes per second", "только YAML, мегабайт в секунду"),
    // analysis
    "files": ("files", "файлов"),
    "check_all_files_seconds": ("check of all files, s", "проверка всех файлов, с"),
    "check_all_files_one_core_seconds": ("check of all files on one core, s", "проверка всех файлов на одном ядре, с"),
    "detection_instants_evaluated": ("detection instants covered", "охвачено моментов выявления"),
    "step_deadlines_evaluated": ("step deadlines evaluated", "вычислено сроков шагов"),
    "detection_timelines_asked": ("timelines asked", "запрошено хронологий"),
    "detection_timelines_evaluated": ("timelines evaluated in full", "хронологий вычислено полностью"),
    "neighbour_timelines_evaluated": ("timelines a minute after another", "хронологий через минуту после другой"),
    "detection_days_walked": ("detection days walked", "пройдено дней выявления"),
    "detection_days_reused": ("detection days taken from an equal day", "дней выявления взято с такого же дня"),
    "paths_searched": ("paths searched", "путей просмотрено"),
    "paths_sharing_a_search": ("paths sharing another's search", "путей с общим просмотром"),
    "generated_steps": ("steps of the generated act", "шагов в созданном акте"),
    "generated_categories": ("categories of the generated act", "категорий в созданном акте"),
    "generated_check_seconds": ("check of the generated act, s", "проверка созданного акта, с"),
    "generated_findings": ("findings in the generated act", "замечаний в созданном акте"),
    // engine
    "file": ("file", "файл"),
    "steps": ("steps", "шагов"),
    "incidents": ("incidents", "инцидентов"),
    "incidents_per_second": ("incidents per second", "инцидентов в секунду"),
    "incidents_per_cpu_second": ("incidents per CPU second", "инцидентов на секунду процессора"),
    "explained_incidents": ("incidents explained", "инцидентов с объяснением"),
    "explained_incidents_per_second": ("explained incidents per second", "инцидентов с объяснением в секунду"),
    "explained_incidents_per_cpu_second": ("explained incidents per CPU second",
      "инцидентов с объяснением на секунду процессора"),
    "load_average_1m": ("load average, 1 min", "средняя загрузка за 1 мин"),
    // simulation
    "load_average_at_start": ("load average at the start", "средняя загрузка в начале"),
    "load_average_at_end": ("load average at the end", "средняя загрузка в конце"),
    "load_average_1m_during": ("load average during the rounds", "средняя загрузка по раундам"),
    "reglament_peer_model": ("Reglament on the peer's model", "Reglament на модели конкурента"),
    "repetitions": ("repetitions", "повторений"),
    "identical_repetitions": ("repetitions identical", "повторения совпадают"),
    "wall_s": ("wall time, s", "время по часам, с"),
    "cpu_s": ("CPU time, s", "время процессора, с"),
    "total_cpu_s": ("CPU time of the process, s", "время процессора всего процесса, с"),
    "incidents_per_cpu_s": ("incidents per CPU second", "инцидентов на секунду процессора"),
    "incidents_per_s": ("incidents per second", "инцидентов в секунду"),
    "events_per_s": ("events per second", "событий в секунду"),
    "frac_over_sla": ("share late", "доля просроченных"),
    "mean_total_min": ("mean time to answer, min", "среднее время до ответа, мин"),
    "peer_error": ("peer's error", "ошибка конкурента"),
    "peer_simpy_raw": ("peer's output (SimPy)", "вывод конкурента (SimPy)"),
    "peer_repetitions": ("peer's repetitions", "повторений конкурента"),
    "peer_incidents_per_s": ("peer: incidents per second", "конкурент: инцидентов в секунду"),
    "ratio_reglament_to_simpy": ("Reglament ÷ SimPy, per second", "Reglament ÷ SimPy, в секунду"),
    "peer_cpu_s": ("peer: CPU time, s", "конкурент: время процессора, с"),
    "peer_process_cpu_s": ("peer: CPU time of the process, s", "конкурент: время процессора всего процесса, с"),
    "peer_incidents_per_cpu_s": ("peer: incidents per CPU second", "конкурент: инцидентов на секунду процессора"),
    "ratio_per_cpu_s": ("Reglament ÷ peer, per CPU second", "Reglament ÷ конкурент, на секунду процессора"),
    "speedup_1_to_2_threads": ("one thread against two", "один поток против двух"),
    "runs": ("runs", "прогонов"),
    "rounds": ("rounds", "раундов"),
    "wall_s_1": ("one thread, wall time, s", "один поток, время по часам, с"),
    "wall_s_2": ("two threads, wall time, s", "два потока, время по часам, с"),
    "cpu_s_1": ("one thread, CPU time, s", "один поток, время процессора, с"),
    "cpu_s_2": ("two threads, CPU time, s", "два потока, время процессора, с"),
    "speedup": ("speed-up", "ускорение"),
    "speedups_per_round": ("speed-up per round", "ускорение по раундам"),
    "identical_output": ("output identical", "вывод совпадает"),
    "quarter_region_real_calendar": ("a quarter of a region on the real calendar",
      "квартал региона по настоящему календарю"),
    "regulation": ("regulation", "регламент"),
    "late_share": ("share late", "доля просроченных"),
    "utilisation": ("utilisation per role", "загрузка по ролям"),
    // audit
    "log": ("log", "журнал"),
    "cases": ("cases", "случаев"),
    "events": ("events", "событий"),
    "events_written": ("events written (-1: log reused)", "записано событий (-1: журнал взят готовый)"),
    "generate_s": ("log generation, s", "создание журнала, с"),
    "audit_s": ("audit, wall time, s", "аудит, время по часам, с"),
    "audit_cpu_s": ("audit, CPU time, s", "аудит, время процессора, с"),
    "import_s": ("import alone, wall time, s", "только чтение, время по часам, с"),
    "import_cpu_s": ("import alone, CPU time, s", "только чтение, время процессора, с"),
    "import_events_per_s": ("import alone, events per second", "только чтение, событий в секунду"),
    "import_events_per_cpu_s": ("import alone, events per CPU second", "только чтение, событий на секунду процессора"),
    "replayed": ("cases replayed", "случаи проиграны"),
    "events_per_cpu_s": ("events per CPU second", "событий на секунду процессора"),
    "threads": ("threads", "потоков"),
    "one_thread_audit_s": ("one thread, wall time, s", "один поток, время по часам, с"),
    "one_thread_audit_cpu_s": ("one thread, CPU time, s", "один поток, время процессора, с"),
    "one_thread_events_per_s": ("one thread, events per second", "один поток, событий в секунду"),
    "one_thread_events_per_cpu_s": ("one thread, events per CPU second", "один поток, событий на секунду процессора"),
    "violating_cases": ("cases with violations", "случаев с нарушениями"),
    "violations": ("violations", "нарушений"),
    "rejected_rows": ("rows rejected", "отклонено строк"),
    "peak_rss_mb": ("peak memory, MB", "пиковая память, МБ"),
    "peer_cases": ("peer: cases", "конкурент: случаев"),
    "peer_events": ("peer: events", "конкурент: событий"),
    "peer_wall_s": ("peer: wall time, s", "конкурент: время по часам, с"),
    "peer_peak_rss_mb": ("peer: peak memory, MB", "конкурент: пиковая память, МБ"),
    "peer_load_average_1m": ("peer: load average, 1 min", "конкурент: средняя загрузка за 1 мин"),
    "peer_pm4py_replay_events_per_s": ("PM4Py token replay, events per second",
      "PM4Py, воспроизведение меток, событий в секунду"),
    "peer_pm4py_discovery_and_replay_events_per_s": ("PM4Py discovery and replay, events per second",
      "PM4Py, построение модели и воспроизведение, событий в секунду"),
    "ratio_to_pm4py_replay": ("Reglament ÷ PM4Py token replay", "Reglament ÷ PM4Py (воспроизведение меток)"),
    "ratio_to_pm4py_discovery_and_replay": ("Reglament ÷ PM4Py discovery and replay",
      "Reglament ÷ PM4Py (построение модели и воспроизведение)"),
  ]
}
