# All dependencies come from Debian 12 packages (see scripts/install-deps.sh).

# Boost.DLL is header-only; with BOOST_DLL_USE_STD_FS it needs no Boost.Filesystem.
find_package(Boost 1.81.0 EXACT CONFIG REQUIRED COMPONENTS json)

# Debian's POCO config references PostgreSQL::client but never defines it.
if(NOT TARGET PostgreSQL::client)
  find_package(PostgreSQL REQUIRED)
  add_library(PostgreSQL::client INTERFACE IMPORTED)
  target_link_libraries(PostgreSQL::client INTERFACE PostgreSQL::PostgreSQL)
endif()
find_package(Poco 1.11 REQUIRED COMPONENTS Foundation Util Net NetSSL Crypto JSON Data DataSQLite
                                           DataPostgreSQL)
find_package(OpenSSL 3 REQUIRED)
find_package(Threads REQUIRED)
