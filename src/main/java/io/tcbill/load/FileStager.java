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

    /**
     * Stages several files at once where that is cheaper, each exactly as {@link #stage} would. An entry is null where
     * that file is to be staged alone (so are all of them when this returns null); a file that does not load is
     * always staged alone, so that its error is exactly the one {@link #stage} gives.
     *
     * @param tag unique prefix for the private tables and files of this call
     */
    default List<List<StagedFile>> stageTogether(List<RawInput> inputs, List<Lineage> lineages, String tag) {
        return null;
    }
}
