package migrations

func init() {
	goose.AddMigrationContext(upBackfillNames, downBackfillNames)
}
