# Independent statistics of Debian's Fashion-MNIST files (dataset-fashion-mnist), using only gzip/struct:
# run with /usr/bin/python3. FashionMnistDataTest records its output as literals; the SHA-256s of the
# decompressed files are FashionMnistDataset.FILES.
import gzip, struct, hashlib
d='/usr/share/datasets/fashion-mnist/'
for split in ['train','t10k']:
    img=gzip.open(d+split+'-images-idx3-ubyte.gz').read()
    lab=gzip.open(d+split+'-labels-idx1-ubyte.gz').read()
    print(split,'images raw sha256',hashlib.sha256(img).hexdigest(), len(img))
    print(split,'labels raw sha256',hashlib.sha256(lab).hexdigest(), len(lab))
    m,n,r,c=struct.unpack('>IIII',img[:16]); print(hex(m),n,r,c)
    m2,n2=struct.unpack('>II',lab[:8]); print(hex(m2),n2)
    hist=[0]*10
    for b in lab[8:]: hist[b]+=1
    print('hist',hist)
    px=img[16:]
    for i in [0,1,n-1]:
        print('image',i,'label',lab[8+i],'sum',sum(px[i*784:(i+1)*784]))
    print('total',sum(px))
