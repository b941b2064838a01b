import Foundation
import RegulationDiagnostics
import RegulationParser
import TestSupport
import Testing

/// `grammar/regulation.schema.json` is generated from the language definition, is a valid draft 2020-12 schema, and
/// every shipped regulation validates against it (checked by Python's `jsonschema`, an independent validator).
@Suite struct SchemaTests {
  @Test func committedSchemaIsTheGeneratedOne() throws {
    let committed = try String(contentsOf: repositoryRoot.appendingPathComponent("grammar/regulation.schema.json"), encoding: .utf8)
    #expect(committed == JSONSchemaGenerator.schema().serialized(pretty: true) + "\n",
      "regenerate it: reglament schema > grammar/regulation.schema.json")
    let tests = try String(contentsOf: repositoryRoot.appendingPathComponent("grammar/tests.schema.json"), encoding: .utf8)
    #expect(tests == JSONSchemaGenerator.testFileSchema().serialized(pretty: true) + "\n",
      "regenerate it: reglament schema --tests > grammar/tests.schema.json")
  }

  @Test func shippedRegulationsValidateAgainstTheSchema() throws {
    let output = try runPython("""
      import json, yaml, jsonschema, glob, sys
      root = sys.argv[1]
      schema = json.load(open(root + '/grammar/regulation.schema.json'))
      jsonschema.Draft202012Validator.check_schema(schema)
      v = jsonschema.Draft202012Validator(schema)
      files = sorted(f for f in glob.glob(root + '/regulations/*.yaml') if not f.endswith('.test.yaml'))
      bad = {}
      for f in files:
          doc = json.loads(json.dumps(yaml.safe_load(open(f, encoding='utf-8')), default=str))
          errs = [e.message for e in v.iter_errors(doc)]
          if errs: bad[f] = errs[:3]
      # A file with an unknown key must fail: the schema is strict.
      probe = json.loads(json.dumps(yaml.safe_load(open(files[0], encoding='utf-8')), default=str))
      probe['procedure'] = []
      tv = jsonschema.Draft202012Validator(json.load(open(root + '/grammar/tests.schema.json')))
      for f in sorted(glob.glob(root + '/regulations/*.test.yaml')):
          doc = json.loads(json.dumps(yaml.safe_load(open(f, encoding='utf-8')), default=str))
          errs = [e.message for e in tv.iter_errors(doc)]
          if errs: bad[f] = errs[:3]
      print(json.dumps({"files": len(files), "bad": bad, "strict": not v.is_valid(probe)}))
      """, arguments: [repositoryRoot.path])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    #expect(json["files"] as? Int == 5)
    #expect((json["bad"] as? [String: Any])?.isEmpty == true, "schema errors: \(json["bad"] ?? "")")
    #expect(json["strict"] as? Bool == true)
  }
}
