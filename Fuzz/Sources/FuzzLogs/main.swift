import FuzzSupport

/// libFuzzer's own `main` (linked with -sanitize=fuzzer) calls this; SwiftPM's entry point below does the same
/// through the driver, whichever of the two the linker keeps.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt { fuzzOne(data, size) }

// Load both regulations before libFuzzer starts, so that a target run from the wrong folder says so at once and every
// input costs the same. Not a workaround: loading them lazily inside the first input is as safe (the two-thread parse
// runs there on libFuzzer's thread and a dispatch worker, race-free under ThreadSanitizer); the start-up segfault seen
// once that way, in an incremental build after a merge, does not happen in a clean build of that commit
// (docs/FUZZING.md, "The two unexplained crashes").
_ = engine
_ = imEngine
FuzzInput.run { fuzzOne($0, $1) }
