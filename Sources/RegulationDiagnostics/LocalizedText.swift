/// The language of messages: Russian for legal staff, English for everyone else.
public enum Language: String, Sendable, CaseIterable {
  case ru, en

  /// From `LANG`/`LC_ALL`/`LC_MESSAGES` (`ru_RU.UTF-8` → ru); English otherwise.
  public static func fromEnvironment(_ env: [String: String]) -> Language {
    for key in ["REGLAMENT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
      if let v = env[key], !v.isEmpty { return v.lowercased().hasPrefix("ru") ? .ru : .en }
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
