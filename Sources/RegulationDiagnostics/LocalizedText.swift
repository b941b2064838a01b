#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The language of messages: Russian for legal staff, English for everyone else.
public enum Language: String, Sendable, CaseIterable {
  case ru, en

  /// From `LANG`/`LC_ALL`/`LC_MESSAGES` (`ru_RU.UTF-8` → ru); English otherwise.
  public static func fromEnvironment(_ env: [String: String]) -> Language {
    fromEnvironment { env[$0] }
  }

  /// The language of this process's environment, read with `getenv` (building `ProcessInfo`'s dictionary of the
  /// whole environment cost 0.3 ms per run).
  public static func fromProcessEnvironment() -> Language {
    fromEnvironment { getenv($0).map { String(cString: $0) } }
  }

  /// The language named by the first of REGLAMENT_LANG, LC_ALL, LC_MESSAGES, LANG that is set and not empty.
  static func fromEnvironment(_ value: (String) -> String?) -> Language {
    for key in ["REGLAMENT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
      if let v = value(key), !v.isEmpty { return v.lowercased().hasPrefix("ru") ? .ru : .en }
    }
    return .en
  }
}

/// A message in both languages, made from the same message id.
public struct LocalizedText: Hashable, Sendable {
  public var en: String
  public var ru: String

  public init(en: String, ru: String) {
    self.en = en
    self.ru = ru
  }

  public func text(_ language: Language) -> String { language == .ru ? ru : en }
}
