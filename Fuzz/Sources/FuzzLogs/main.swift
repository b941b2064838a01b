import FuzzSupport

/// libFuzzer's own `main` (linked with -sanitize=fuzzer) calls this; SwiftPM's entry point below does the same
/// through the driver, whichever of the two the linker keeps.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt { fuzzOne(data, size) }

// Load both regulations before libFuzzer starts: loading the first one lazily inside an input crashed the target at
// start-up (a segfault in the two-thread parse, seen only under the fuzzer; not understood yet).
_ = engine
_ = imEngine
FuzzInput.run { fuzzOne($0, $1) }
