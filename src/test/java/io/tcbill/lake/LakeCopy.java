package io.tcbill.lake;

import io.tcbill.load.CuratedLayout;
import io.tcbill.storage.ObjectStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A byte-for-byte copy of the bucket's {@code curated/} objects in a local directory, keys kept as paths, fetched
 * through the S3 API. The engines under test read this copy by file path: DuckDB's httpfs extension cannot be
 * downloaded here, and Spark's s3a needs hadoop-aws with the ~500 MB AWS SDK v2 bundle.
 */
final class LakeCopy {

    private LakeCopy() {
    }

    /** Every key under {@code curated/}. */
    static List<String> keys(ObjectStorage storage) {
        return storage.client().listObjectsV2Paginator(b -> b.bucket(storage.bucket()).prefix(CuratedLayout.LAKE_PREFIX))
                .contents().stream().map(S3Object::key).sorted().toList();
    }

    /** Copies every object under {@code curated/} to {@code dir}; returns the copy of {@code curated/}. */
    static Path copy(ObjectStorage storage, Path dir) throws IOException {
        for (String key : keys(storage)) {
            Path target = dir.resolve(key);
            Files.createDirectories(target.getParent());
            storage.client().getObject(b -> b.bucket(storage.bucket()).key(key), ResponseTransformer.toFile(target));
        }
        return dir.resolve(CuratedLayout.LAKE_PREFIX);
    }
}
