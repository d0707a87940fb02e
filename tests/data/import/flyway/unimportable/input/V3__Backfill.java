public class V3__Backfill extends BaseJavaMigration {}
