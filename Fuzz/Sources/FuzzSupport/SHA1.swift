/// SHA-1 of bytes as 40 lowercase hex digits: the name libFuzzer gives an input (`crash-SHA1`), so that the note a
/// target writes about an input (`FuzzInput.fail`) sits beside it. Not for anything that needs a secure hash.
public func sha1(_ bytes: [UInt8]) -> String {
  var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
  var message = bytes
  message.append(0x80)
  while message.count % 64 != 56 { message.append(0) }
  let bits = UInt64(bytes.count) &* 8
  for shift in stride(from: 56, through: 0, by: -8) { message.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
  var w = [UInt32](repeating: 0, count: 80)
  for block in stride(from: 0, to: message.count, by: 64) {
    for i in 0..<16 {
      let j = block + i * 4
      w[i] = UInt32(message[j]) << 24 | UInt32(message[j + 1]) << 16 | UInt32(message[j + 2]) << 8 | UInt32(message[j + 3])
    }
    for i in 16..<80 {
      let x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]
      w[i] = x << 1 | x >> 31
    }
    var (a, b, c, d, e) = (h[0], h[1], h[2], h[3], h[4])
    for i in 0..<80 {
      let (f, k): (UInt32, UInt32) =
        switch i {
        case 0..<20: ((b & c) | (~b & d), 0x5A82_7999)
        case 20..<40: (b ^ c ^ d, 0x6ED9_EBA1)
        case 40..<60: ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
        default: (b ^ c ^ d, 0xCA62_C1D6)
        }
      let t = (a << 5 | a >> 27) &+ f &+ e &+ k &+ w[i]
      (e, d, c, b, a) = (d, c, b << 30 | b >> 2, a, t)
    }
    h[0] &+= a; h[1] &+= b; h[2] &+= c; h[3] &+= d; h[4] &+= e
  }
  return h.map { word in
    let s = String(word, radix: 16)
    return String(repeating: "0", count: 8 - s.count) + s
  }.joined()
}
