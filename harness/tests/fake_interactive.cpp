// A scripted interactive program for the prompt engine's tests. It prints a banner and a prompt,
// then obeys one command per line:
//   say <text>     prints <text>
//   split          prints a line and the next prompt in several separate writes
//   ansi           prints a line wrapped in terminal colour codes
//   silent         prints nothing and no prompt (a hang, as far as the harness can tell)
//   exit <n>       exits with code n at once, without a prompt
//   crash          dies of SIGSEGV
//   spawn          starts a background child that outlives this process unless its group is killed,
//                  and prints its pid
//   quit           exits 0
// Options: --prompt=<p> (default "fake> "), --no-prompt (never prompts: a target stuck at start-up).
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

namespace {

void put(const std::string& s) {
  (void)!write(1, s.data(), s.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::string prompt = "fake> ";
  bool prompt_at_all = true;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--prompt=", 9) == 0) prompt = argv[i] + 9;
    if (std::strcmp(argv[i], "--no-prompt") == 0) prompt_at_all = false;
  }
  put("fake interactive program starting\n");
  if (!prompt_at_all) {
    pause();
    return 0;
  }
  put(prompt);
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.rfind("say ", 0) == 0) {
      put(line.substr(4) + "\n");
    } else if (line == "split") {
      put("first ha");
      put("lf, second half\n");
      put(prompt.substr(0, 2));
      put(prompt.substr(2));
      continue;
    } else if (line == "ansi") {
      put("\x1b[1;32mgreen text\x1b[0m\r\n");
    } else if (line == "silent") {
      continue;
    } else if (line.rfind("exit ", 0) == 0) {
      std::exit(std::atoi(line.c_str() + 5));
    } else if (line == "crash") {
      raise(SIGSEGV);
    } else if (line == "spawn") {
      const pid_t child = fork();
      if (child == 0) {
        // Leave the terminal alone so only a group kill can end it.
        for (int fd = 0; fd < 3; ++fd) close(fd);
        for (;;) pause();
      }
      put("spawned " + std::to_string(child) + "\n");
    } else if (line == "quit") {
      return 0;
    } else if (!line.empty()) {
      put("unknown: " + line + "\n");
    }
    put(prompt);
  }
  return 0;
}
