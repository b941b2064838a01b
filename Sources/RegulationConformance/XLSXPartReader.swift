import Foundation
import ZIPFoundation

/// One part of a workbook as its central directory describes it.
struct XLSXPart {
  let path: String
  /// Where its local header is.
  let header: Int
  let compressedSize: Int
  let uncompressedSize: Int
  let checksum: UInt32
}

/// Finds and unpacks the parts of an XLSX workbook (a ZIP container), bounded. The central directory is read here,
/// not by ZIPFoundation's `Archive`: its `extract` kept asking for input after the end of the file when a compressed
/// stream never ends (a corrupt entry hung the audit, issue 14), it trusts the declared sizes, and its in-memory
/// archive traps on an entry that points past the end of the data. Here the compressed bytes are exactly the
/// entry's, the output may not exceed the declared size nor `maxPartSize`, and the size and CRC-32 must match what
/// the archive declares: anything else is "the workbook is damaged". ZIPFoundation only inflates.
struct XLSXPartReader {
  /// The largest part read (unpacked): far more than a month of incidents, well under the audit's memory budget.
  static let maxPartSize = 128 << 20

  let path: String
  /// The whole file, mapped (not read) into memory, or the bytes of a workbook held in memory.
  let file: Data
  /// The parts by name, from the central directory (the first of two entries with one name).
  let parts: [String: XLSXPart]

  /// The workbook at `path`; an error when it cannot be opened or is not a ZIP container.
  init(path: String) throws(AuditError) {
    let file: Data
    do {
      file = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    } catch {
      throw AuditError(en: "cannot open the log \(path)", ru: "не удаётся открыть журнал \(path)")
    }
    try self.init(file: file, name: path)
  }

  /// The parts of a workbook held in memory; `name` is its name in messages.
  init(file: Data, name: String) throws(AuditError) {
    path = name
    self.file = file
    guard let parts = Self.centralDirectory(file) else {
      throw AuditError(en: "\(name) is not an XLSX workbook (not a ZIP container)",
        ru: "\(name) — не книга XLSX (не контейнер ZIP)")
    }
    self.parts = parts
  }

  subscript(_ name: String) -> XLSXPart? { parts[name] }

  /// The unpacked bytes of `entry`, or an error naming the part and what is wrong with it.
  func contents(of entry: XLSXPart) throws(AuditError) -> Data {
    func damaged(_ en: String, _ ru: String) -> AuditError {
      AuditError(en: "\(path): the workbook is damaged: \(entry.path) \(en)",
        ru: "\(path): книга повреждена: \(entry.path) \(ru)")
    }
    guard entry.uncompressedSize <= Self.maxPartSize else {
      throw AuditError(
        en: "\(path): \(entry.path) unpacks to \(entry.uncompressedSize / 1_048_576) MB; at most \(Self.maxPartSize >> 20) MB are read (split the export)",
        ru: "\(path): \(entry.path) занимает \(entry.uncompressedSize / 1_048_576) МБ в распакованном виде; читается не больше \(Self.maxPartSize >> 20) МБ (разделите выгрузку)")
    }
    let header = entry.header
    guard let start = dataStart(header) else {
      throw damaged("has no local header where the directory says", "не найден там, где указывает оглавление архива")
    }
    let size = entry.uncompressedSize
    let stored = entry.compressedSize
    guard stored <= file.count - start else {
      throw damaged("is cut short (\(stored) bytes declared, \(file.count - start) left in the file)",
        "обрезан (объявлено \(stored) байт, в файле осталось \(file.count - start))")
    }
    let packed = file.subdata(in: (file.startIndex + start)..<(file.startIndex + start + stored))
    var data: Data
    switch method(header) {
    case 0:
      data = packed
    case 8:
      data = Data()
      data.reserveCapacity(size)
      do {
        let chunk = 1 << 16
        _ = try Data.decompress(size: Int64(stored), bufferSize: chunk, skipCRC32: true,
          provider: { position, count in
            // The stream must end within the entry's bytes. ZIPFoundation's inflate loop sets `avail_in` to the
            // full chunk size whatever it gets, so a short last chunk is padded; asking past it is the damage.
            guard position < Int64(packed.count) else { throw PartDamage.endless }
            let from = Int(position), to = min(packed.count, from + count)
            var piece = packed.subdata(in: from..<to)
            if piece.count < count { piece.append(Data(count: count - piece.count)) }
            return piece
          },
          consumer: { output in
            guard data.count + output.count <= size else { throw PartDamage.tooLong }
            data.append(output)
          })
      } catch PartDamage.endless {
        throw damaged("is a compressed stream that does not end", "— сжатый поток без конца")
      } catch PartDamage.tooLong {
        throw damaged("unpacks to more than the \(size) bytes it declares", "распаковывается больше, чем в объявленные \(size) байт")
      } catch {
        throw damaged("cannot be unpacked (\(error))", "не распаковывается (\(error))")
      }
    default:
      throw AuditError(en: "\(path): \(entry.path) uses a compression method XLSX does not (\(method(header)))",
        ru: "\(path): \(entry.path) сжат способом, которого нет в XLSX (\(method(header)))")
    }
    guard data.count == size else {
      throw damaged("unpacks to \(data.count) bytes, not the \(size) it declares",
        "распаковывается в \(data.count) байт, а не в объявленные \(size)")
    }
    guard data.crc32(checksum: 0) == entry.checksum else {
      throw damaged("does not match its checksum", "не совпадает с контрольной суммой")
    }
    return data
  }

  enum PartDamage: Error { case endless, tooLong }

  func u16(_ at: Int) -> Int? {
    guard at >= 0, at + 2 <= file.count else { return nil }
    return Int(file[file.startIndex + at]) | Int(file[file.startIndex + at + 1]) << 8
  }

  func u32(_ at: Int) -> Int? {
    guard let lo = u16(at), let hi = u16(at + 2) else { return nil }
    return lo | hi << 16
  }

  /// Where the data of the entry whose local header is at `header` starts, if that header is there.
  func dataStart(_ header: Int) -> Int? {
    guard u32(header) == 0x0403_4B50, let name = u16(header + 26), let extra = u16(header + 28) else { return nil }
    let start = header + 30 + name + extra
    return start <= file.count ? start : nil
  }

  func method(_ header: Int) -> Int { u16(header + 8) ?? -1 }

  /// The parts by name, read from the end-of-central-directory record and the central directory (the first of two
  /// entries with one name); nil when there is no end-of-central-directory record (not a ZIP container). Entries
  /// after a damaged one are not read; a part missing that way is reported by the reader as missing.
  static func centralDirectory(_ file: Data) -> [String: XLSXPart]? {
    let reader = XLSXPartReader(unchecked: file)
    var eocd = file.count - 22
    let lowest = max(0, file.count - 22 - 0xFFFF)
    while eocd >= lowest, reader.u32(eocd) != 0x0605_4B50 { eocd -= 1 }
    guard eocd >= lowest, let count = reader.u16(eocd + 10), var at = reader.u32(eocd + 16) else { return nil }
    var parts: [String: XLSXPart] = [:]
    for _ in 0..<count {
      guard reader.u32(at) == 0x0201_4B50, let crcLow = reader.u16(at + 16), let crcHigh = reader.u16(at + 18),
        let compressed = reader.u32(at + 20), let uncompressed = reader.u32(at + 24),
        let nameLength = reader.u16(at + 28), let extra = reader.u16(at + 30), let comment = reader.u16(at + 32),
        let local = reader.u32(at + 42), at + 46 + nameLength <= file.count
      else { break }
      let nameStart = file.startIndex + at + 46
      let name = String(decoding: file[nameStart..<(nameStart + nameLength)], as: UTF8.self)
      if parts[name] == nil {
        parts[name] = XLSXPart(path: name, header: local, compressedSize: compressed, uncompressedSize: uncompressed,
          checksum: UInt32(crcLow) | UInt32(crcHigh) << 16)
      }
      at += 46 + nameLength + extra + comment
    }
    return parts
  }

  private init(unchecked file: Data) {
    path = ""
    self.file = file
    parts = [:]
  }
}
