import RegulationDiagnostics

/// Generates the JSON Schema (draft 2020-12) of the language from `RegulationLanguage`, for editors
/// (yaml-language-server) and external validators. `grammar/regulation.schema.json` is its output.
public enum JSONSchemaGenerator {
  public static func schema() -> JSONValue {
    schema(of: RegulationLanguage.root, id: "regulation.schema.json",
      title: "Reglament regulation file, language version \(RegulationLanguage.version)")
  }

  /// The schema of a `NAME.test.yaml` file.
  public static func testFileSchema() -> JSONValue {
    schema(of: RegulationLanguage.testFile, id: "tests.schema.json", title: "Reglament embedded tests file (NAME.test.yaml)")
  }

  static func schema(of rootSpec: ObjectSpec, id: String, title: String) -> JSONValue {
    var defs: [(String, JSONValue)] = []
    for object in RegulationLanguage.objects(from: rootSpec) where object.name != rootSpec.name {
      defs.append((object.name, objectSchema(object)))
    }
    guard case .object(var root) = objectSchema(rootSpec) else { return .null }
    root.insert(("$schema", .string("https://json-schema.org/draft/2020-12/schema")), at: 0)
    root.insert(("$id", .string("https://reglament.invalid/grammar/\(id)")), at: 1)
    root.insert(("title", .string(title)), at: 2)
    root.append(("$defs", .object(defs)))
    return .object(root)
  }

  static func objectSchema(_ o: ObjectSpec) -> JSONValue {
    let required = o.fields.filter(\.required).map { JSONValue.string($0.key) }
    var fields: [(String, JSONValue)] = [
      ("type", .string("object")), ("description", .string(o.doc)),
      ("properties", .object(o.fields.map { f in (f.key, withDescription(valueSchema(f.value), f.doc)) })),
      ("additionalProperties", .bool(false)),
    ]
    if !required.isEmpty { fields.append(("required", .array(required))) }
    return .object(fields)
  }

  static func withDescription(_ v: JSONValue, _ doc: String) -> JSONValue {
    guard case .object(var pairs) = v, !pairs.contains(where: { $0.0 == "$ref" }) else {
      return .object([("description", .string(doc)), ("allOf", .array([v]))])
    }
    pairs.insert(("description", .string(doc)), at: 0)
    return .object(pairs)
  }

  static func valueSchema(_ v: ValueSpec) -> JSONValue {
    switch v {
    case .text: return .object([("type", .string("string"))])
    case .identifier:
      // Letters (any script), digits, `-` and `_`: written as "no space or punctuation" so every regex dialect reads it.
      return .object([("type", .string("string")), ("pattern", .string("^[^\\s!-,./:-@\\[-^`{-~]+$"))])
    case .clause:
      return .object([("anyOf", .array([.object([("type", .string("number"))]),
        .object([("type", .string("string")), ("pattern", .string(ClauseGrammar.pattern))])]))])
    case .approximateDate:
      return .object([("anyOf", .array([.object([("type", .string("integer")), ("minimum", .int(1900))]),
        .object([("type", .string("string")), ("pattern", .string("^((около|~)\\s*)?[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"))])]))])
    case .integer(let min, let max):
      return .object([("type", .string("integer")), ("minimum", .int(min))] + (max == Int.max ? [] : [("maximum", .int(max))]))
    case .amount:
      return .object([("anyOf", .array([
        .object([("type", .string("number")), ("minimum", .int(0))]),
        .object([("type", .string("string")), ("pattern", .string("^[0-9]+([.,][0-9]+)?$"))]),
      ]))])
    case .boolean: return .object([("type", .string("boolean"))])
    case .date:
      return .object([("type", .string("string")), ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))])
    case .dateTime:
      return .object([("type", .string("string")),
        ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:?[0-9]{2})?$"))])
    case .timeRange:
      return .object([("type", .string("string")), ("pattern", .string("^[0-9]{2}:[0-9]{2}\\s*[-–]\\s*[0-9]{2}:[0-9]{2}$"))])
    case .enumeration(let values): return .object([("enum", .array(values.map { .string($0) }))])
    case .reference: return .object([("type", .string("string")), ("minLength", .int(1))])
    case .object(let o): return .object([("$ref", .string("#/$defs/\(o.name)"))])
    case .list(let item): return .object([("type", .string("array")), ("items", valueSchema(item))])
    case .oneOrMany(let item):
      return .object([("anyOf", .array([valueSchema(item), .object([("type", .string("array")), ("items", valueSchema(item))])]))])
    case .dictionary(_, let pattern, let value):
      var fields: [(String, JSONValue)] = [("type", .string("object")), ("additionalProperties", valueSchema(value))]
      if let pattern { fields.append(("propertyNames", .object([("pattern", .string(pattern))]))) }
      return .object(fields)
    case .either(let options): return .object([("oneOf", .array(options.map(valueSchema)))])
    }
  }
}
