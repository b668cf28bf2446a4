# ucf_plugin_link(TARGET): link a plugin MODULE the way the host needs it. The version script
# exports only `ucf_plugin_entry`; without it, inline standard-library and POCO symbols leave the
# plugin as global (some STB_GNU_UNIQUE), get bound by other libraries, and glibc never unmaps the
# plugin when the host unloads it. --no-undefined makes a missing symbol a link error, not a
# load-time one.
function(ucf_plugin_link target)
  set(UCF_PLUGIN_MAP ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/ucf_plugin.map)
  target_link_options(${target} PRIVATE -Wl,--version-script=${UCF_PLUGIN_MAP} -Wl,--no-undefined)
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${UCF_PLUGIN_MAP})
endfunction()
