// libFuzzer's driver, from clang's runtime (libclang_rt.fuzzer): lets a Swift `main` start the fuzzing loop, since
// SwiftPM gives every executable its own entry point and libFuzzer's `main` would clash with it.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
