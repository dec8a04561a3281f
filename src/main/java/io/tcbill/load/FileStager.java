package io.tcbill.load;

import java.sql.SQLException;
import java.util.List;

/** Reads one raw file into private staging tables: one {@link StagedFile} per table and CSV it fills. */
interface FileStager {

    /**
     * @param tag unique suffix for the private tables of this file
     * @throws SchemaMismatchException when the file cannot fit the tables (terminal)
     * @throws RawFileException        when the file's content is unusable (terminal)
     */
    List<StagedFile> stage(RawInput input, Lineage lineage, String tag) throws SQLException;
}
