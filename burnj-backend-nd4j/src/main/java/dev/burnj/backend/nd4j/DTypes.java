package dev.burnj.backend.nd4j;

import dev.burnj.tensor.DType;
import java.util.EnumSet;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;

/** Maps burnj dtypes to ND4J data types and back; the single place that knows which dtypes this backend supports. */
final class DTypes {
    static final Set<DType> SUPPORTED = EnumSet.of(DType.F32, DType.F64, DType.I64, DType.I32, DType.BOOL);

    private DTypes() {}

    static DataType toNd4j(DType dtype) {
        return switch (dtype) {
            case F32 -> DataType.FLOAT;
            case F64 -> DataType.DOUBLE;
            case I64 -> DataType.LONG;
            case I32 -> DataType.INT;
            case BOOL -> DataType.BOOL;
            default -> throw new IllegalArgumentException("the nd4j backend does not support dtype " + dtype + "; supported dtypes are "
                    + SUPPORTED);
        };
    }

    static DType fromNd4j(DataType type) {
        return switch (type) {
            case FLOAT -> DType.F32;
            case DOUBLE -> DType.F64;
            case LONG -> DType.I64;
            case INT -> DType.I32;
            case BOOL -> DType.BOOL;
            default -> throw new IllegalStateException("ND4J produced an array of data type " + type + ", which burnj does not map; expected one of "
                    + SUPPORTED);
        };
    }
}
