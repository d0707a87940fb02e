// Everything an application needs to apply its embedded migrations.
#pragma once

#include <embedded_migrations/adopt.hpp>
#include <embedded_migrations/apply.hpp>
#include <embedded_migrations/backup.hpp>
#include <embedded_migrations/migration.hpp>
#include <embedded_migrations/migration_error.hpp>
#include <embedded_migrations/options.hpp>
#include <embedded_migrations/plan.hpp>
#include <embedded_migrations/sqlite_support.hpp>
#include <embedded_migrations/status.hpp>
#include <embedded_migrations/verify_schema.hpp>
