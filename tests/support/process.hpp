// tests/support/process.hpp
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace tierdesk::testing {

// The tierdesk binary of this build; the test target defines TD_TIERDESK_BINARY.
inline std::string TierdeskBinary() {
#ifdef TD_TIERDESK_BINARY
  return TD_TIERDESK_BINARY;
#else
  return "src/cli/tierdesk";
#endif
}

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};
// Runs a command to completion with extra environment variables.
CommandResult RunCommand(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {});

// A child process whose stdout and stderr go to a file we can read while it runs.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
               const std::string& log_path);
  ~ChildProcess();
  // Waits until the log contains `text`; false on timeout or exit.
  bool WaitForOutput(const std::string& text, std::chrono::seconds timeout);
  std::string Output() const;
  void Signal(int signal) const;
  pid_t pid() const { return pid_; }
  // Waits for the exit; returns the exit code, 128+signal if killed, -1 on timeout.
  int Wait(std::chrono::seconds timeout);

 private:
  pid_t pid_ = -1;
  std::string log_path_;
  bool reaped_ = false;
};

}  // namespace tierdesk::testing
