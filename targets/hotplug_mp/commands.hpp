// The prompt's commands: help, list, attach, detach, quit.
#pragma once

#include <string_view>

namespace hotplug_mp {

enum class Next { prompt_again, quit };

// Runs one input line (already stripped of its newline) and says whether to keep going.
// Always prints at least one line unless the input was blank.
Next run_command_line(std::string_view line);

}  // namespace hotplug_mp
