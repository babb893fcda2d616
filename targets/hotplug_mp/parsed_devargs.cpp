#include "parsed_devargs.hpp"

#include <rte_bus.h>

namespace hotplug_mp {

ParsedDevargs::ParsedDevargs(const std::string& text)
{
    // "%s" rather than passing the text as the format: user input must never be a format string.
    if (rte_devargs_parsef(&devargs_, "%s", text.c_str()) != 0)
        return;
    parsed_ = devargs_.bus != nullptr && devargs_.name[0] != '\0';
}

ParsedDevargs::~ParsedDevargs()
{
    // Always, success or not, as the contract of rte_devargs_parse() asks.
    rte_devargs_reset(&devargs_);
}

const char* ParsedDevargs::bus_name() const
{
    return parsed_ ? rte_bus_name(devargs_.bus) : "";
}

const char* ParsedDevargs::args() const
{
    return devargs_.args != nullptr ? devargs_.args : "";
}

}  // namespace hotplug_mp
