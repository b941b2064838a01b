import FuzzSupport

/// libFuzzer's own `main` (linked with -sanitize=fuzzer) calls this; SwiftPM's entry point below does the same
/// through the driver, whichever of the two the linker keeps.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt { fuzzOne(data, size) }

FuzzInput.run { fuzzOne($0, $1) }
