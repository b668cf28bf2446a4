// A plugin built against a future, incompatible ABI major: the host must refuse it before
// calling anything in it (its factory aborts the process to prove it is never called).
#include <cstdlib>
#include <memory>

#include <boost/config.hpp>
#include <boost/dll/alias.hpp>

#include "ucf/sdk/plugin.hpp"

extern "C" BOOST_SYMBOL_EXPORT const ucf::sdk::AbiVersion ucf_plugin_abi_version;
const ucf::sdk::AbiVersion ucf_plugin_abi_version{ucf::sdk::kAbiVersion.major + 1, 0};

namespace {
std::unique_ptr<ucf::sdk::Plugin> create() { std::abort(); }
}  // namespace

BOOST_DLL_ALIAS(create, ucf_create_plugin)
