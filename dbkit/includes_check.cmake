# Fails when a file of dbkit/ includes plugin, adapter or host code: the toolkit is linked by
# both the mock host and the plugin, so it may depend on POCO, the standard library and the
# host SDK's plain types only (run by ctest: `dbkit: includes no plugin, adapter or host code`).
file(GLOB sources ${DBKIT_DIR}/*.hpp ${DBKIT_DIR}/*.cpp)
set(bad "")
foreach(source IN LISTS sources)
  file(STRINGS ${source} includes REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<](plugin|adapters|mock-host|tests)/")
  foreach(line IN LISTS includes)
    list(APPEND bad "${source}: ${line}")
  endforeach()
endforeach()
if(bad)
  list(JOIN bad "\n" text)
  message(FATAL_ERROR "dbkit must not include plugin, adapter or host code:\n${text}")
endif()
