/// The IANA time zone of a Russian city or region written in Russian («Севастополь», «Пермский край», «г. Пермь»), for
/// the hint of an unknown `time_zone`. Stems are matched at the start of a word, so «Пермь», «Пермский» and «Перми»
/// all find Perm.
public enum RussianTimeZones {
  /// (stem, zone); a longer stem is tried before a shorter one that it starts with.
  public static let stems: [(String, String)] = [
    // Kaliningrad (UTC+2)
    ("калинингр", "Europe/Kaliningrad"),
    // Moscow time (UTC+3)
    ("москв", "Europe/Moscow"), ("московск", "Europe/Moscow"), ("санкт-петербург", "Europe/Moscow"), ("петербург", "Europe/Moscow"),
    ("спб", "Europe/Moscow"), ("ленинградск", "Europe/Moscow"), ("краснодар", "Europe/Moscow"), ("кубан", "Europe/Moscow"),
    ("усть-лабинск", "Europe/Moscow"), ("сочи", "Europe/Moscow"), ("ставропол", "Europe/Moscow"), ("липецк", "Europe/Moscow"),
    ("воронеж", "Europe/Moscow"), ("белгород", "Europe/Moscow"), ("курск", "Europe/Moscow"), ("орл", "Europe/Moscow"),
    ("орёл", "Europe/Moscow"), ("тул", "Europe/Moscow"), ("рязан", "Europe/Moscow"), ("тамбов", "Europe/Moscow"),
    ("брянск", "Europe/Moscow"), ("смоленск", "Europe/Moscow"), ("калуг", "Europe/Moscow"), ("калужск", "Europe/Moscow"),
    ("твер", "Europe/Moscow"), ("ярослав", "Europe/Moscow"), ("костром", "Europe/Moscow"), ("иванов", "Europe/Moscow"),
    ("владимир", "Europe/Moscow"), ("нижегородск", "Europe/Moscow"), ("казан", "Europe/Moscow"),
    ("татарстан", "Europe/Moscow"), ("чебоксар", "Europe/Moscow"), ("чуваш", "Europe/Moscow"), ("йошкар", "Europe/Moscow"),
    ("марий", "Europe/Moscow"), ("саранск", "Europe/Moscow"), ("мордов", "Europe/Moscow"), ("пенз", "Europe/Moscow"),
    ("киров", "Europe/Kirov"), ("ростов", "Europe/Moscow"), ("волгоград", "Europe/Volgograd"), ("астрахан", "Europe/Astrakhan"),
    ("саратов", "Europe/Saratov"), ("ульяновск", "Europe/Ulyanovsk"), ("мурманск", "Europe/Moscow"), ("архангельск", "Europe/Moscow"),
    ("вологд", "Europe/Moscow"), ("вологодск", "Europe/Moscow"), ("петрозаводск", "Europe/Moscow"), ("карел", "Europe/Moscow"),
    ("сыктывкар", "Europe/Moscow"), ("коми", "Europe/Moscow"), ("новгород", "Europe/Moscow"), ("псков", "Europe/Moscow"),
    ("махачкал", "Europe/Moscow"), ("дагестан", "Europe/Moscow"), ("грозн", "Europe/Moscow"), ("чечн", "Europe/Moscow"),
    ("чеченск", "Europe/Moscow"), ("нальчик", "Europe/Moscow"), ("владикавказ", "Europe/Moscow"), ("майкоп", "Europe/Moscow"),
    ("адыге", "Europe/Moscow"), ("черкесск", "Europe/Moscow"), ("магас", "Europe/Moscow"), ("ингушет", "Europe/Moscow"),
    ("элист", "Europe/Moscow"), ("калмык", "Europe/Moscow"),
    // Crimea and Sevastopol (Moscow time, IANA zone Europe/Simferopol)
    ("севастопол", "Europe/Simferopol"), ("симферопол", "Europe/Simferopol"), ("крым", "Europe/Simferopol"),
    ("ялт", "Europe/Simferopol"), ("керч", "Europe/Simferopol"), ("евпатор", "Europe/Simferopol"),
    // Samara time (UTC+4)
    ("самар", "Europe/Samara"), ("тольятти", "Europe/Samara"), ("ижевск", "Europe/Samara"), ("удмурт", "Europe/Samara"),
    // Yekaterinburg time (UTC+5)
    ("екатеринбург", "Asia/Yekaterinburg"), ("свердловск", "Asia/Yekaterinburg"), ("красноуфимск", "Asia/Yekaterinburg"),
    ("перм", "Asia/Yekaterinburg"), ("челябинск", "Asia/Yekaterinburg"), ("тюмен", "Asia/Yekaterinburg"),
    ("курган", "Asia/Yekaterinburg"), ("уф", "Asia/Yekaterinburg"), ("башкир", "Asia/Yekaterinburg"),
    ("оренбург", "Asia/Yekaterinburg"), ("ханты-мансийск", "Asia/Yekaterinburg"), ("югр", "Asia/Yekaterinburg"),
    ("сургут", "Asia/Yekaterinburg"), ("салехард", "Asia/Yekaterinburg"), ("ямал", "Asia/Yekaterinburg"),
    // Omsk time (UTC+6)
    ("омск", "Asia/Omsk"),
    // Krasnoyarsk time (UTC+7)
    ("новосибирск", "Asia/Novosibirsk"), ("томск", "Asia/Tomsk"), ("барнаул", "Asia/Barnaul"), ("алтай", "Asia/Barnaul"),
    ("горно-алтайск", "Asia/Barnaul"), ("кемеров", "Asia/Novokuznetsk"), ("кузбасс", "Asia/Novokuznetsk"),
    ("новокузнецк", "Asia/Novokuznetsk"), ("красноярск", "Asia/Krasnoyarsk"), ("абакан", "Asia/Krasnoyarsk"),
    ("хакас", "Asia/Krasnoyarsk"), ("кызыл", "Asia/Krasnoyarsk"), ("тыв", "Asia/Krasnoyarsk"), ("норильск", "Asia/Krasnoyarsk"),
    // Irkutsk time (UTC+8)
    ("иркутск", "Asia/Irkutsk"), ("улан-удэ", "Asia/Irkutsk"), ("бурят", "Asia/Irkutsk"),
    // Yakutsk time (UTC+9)
    ("чит", "Asia/Chita"), ("забайкал", "Asia/Chita"), ("якутск", "Asia/Yakutsk"), ("якути", "Asia/Yakutsk"),
    ("саха", "Asia/Yakutsk"), ("благовещенск", "Asia/Yakutsk"), ("амурск", "Asia/Yakutsk"),
    // Vladivostok time (UTC+10)
    ("владивосток", "Asia/Vladivostok"), ("приморск", "Asia/Vladivostok"), ("хабаровск", "Asia/Vladivostok"),
    ("биробиджан", "Asia/Vladivostok"), ("еврейск", "Asia/Vladivostok"),
    // Magadan and Sakhalin time (UTC+11)
    ("магадан", "Asia/Magadan"), ("южно-сахалинск", "Asia/Sakhalin"), ("сахалин", "Asia/Sakhalin"), ("оха", "Asia/Sakhalin"),
    ("охинск", "Asia/Sakhalin"),
    // Kamchatka time (UTC+12)
    ("петропавловск-камчатск", "Asia/Kamchatka"), ("камчат", "Asia/Kamchatka"), ("анадыр", "Asia/Anadyr"), ("чукот", "Asia/Anadyr"),
  ]

  /// The zone of the first word of `text` that starts with a known stem (longest stem wins), with the word.
  public static func zone(for text: String) -> (zone: String, word: String)? {
    let normalized = text.lowercased().replacingOccurrences(of: "ё", with: "е")
    let words = normalized.split { !($0.isLetter || $0 == "-") }.map(String.init)
    let sorted = stems.map { ($0.0.replacingOccurrences(of: "ё", with: "е"), $0.1) }.sorted { $0.0.count > $1.0.count }
    for word in words where word.count >= 3 {
      // Short stems (оха, уф, тул) only match a whole word or a short ending, not a longer unrelated word.
      if let match = sorted.first(where: { word.hasPrefix($0.0) && (word.count - $0.0.count <= 4 || $0.0.count >= 5) }) {
        return (match.1, word)
      }
    }
    return nil
  }
}
