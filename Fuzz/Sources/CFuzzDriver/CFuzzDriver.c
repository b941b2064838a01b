// Declarations only: LLVMFuzzerRunDriver is defined by clang's libFuzzer runtime, linked by -sanitize=fuzzer.
#include "CFuzzDriver.h"
