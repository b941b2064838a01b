/// A minimal ZIP writer (stored entries, CRC-32) for the XLSX fuzz target's workbooks.
enum StoredZip {
  static func archive(_ entries: [(name: String, data: [UInt8])]) -> [UInt8] {
    var out: [UInt8] = [], central: [UInt8] = []
    for (name, data) in entries {
      let offset = out.count, crc = crc32(data), n = Array(name.utf8)
      out += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21) + le32(crc)
        + le32(data.count) + le32(data.count) + le16(n.count) + le16(0) + n + data
      central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21) + le32(crc)
        + le32(data.count) + le32(data.count) + le16(n.count) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
        + le32(offset) + n
    }
    let start = out.count
    out += central
    out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(entries.count) + le16(entries.count) + le32(central.count)
      + le32(start) + le16(0)
    return out
  }

  static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
  static func le32(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)] }
  static func le32(_ v: UInt32) -> [UInt8] { le32(Int(v)) }

  static let table: [UInt32] = (0..<256).map { i -> UInt32 in
    var c = UInt32(i)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }

  static func crc32(_ data: [UInt8]) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in data { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
    return c ^ 0xFFFF_FFFF
  }
}
