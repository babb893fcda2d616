// The harness's own exceptions. A HarnessError is a failure of the test bench (a timeout, a process
// that died, a command that failed); the case turns it into a FAIL whose message says what happened.
#pragma once

#include <stdexcept>
#include <string>

namespace mpdts {

class HarnessError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bad input (topology file, command line): reported before any side effect, names file/line/value.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace mpdts
