#!/bin/busybox sh
# /init of the kernel-oracle VM (test/kernel-oracles/vm.ts builds the initramfs around it).
# Loads the virtio, 9p and veth modules, mounts the host's root file system read-only over 9p with
# fresh /proc, /sys, /dev, /tmp and /run, mounts the writable share at /tmp/out, and runs the
# recorder there as the guest. Its exit status goes to /tmp/out/status; then the VM powers off.
B=/bin/busybox
$B mkdir -p /proc /sys /dev
$B mount -t proc proc /proc
$B mount -t devtmpfs dev /dev
for m in @MODULES@; do
  $B insmod /mods/$m.ko || echo "vm-init: insmod $m failed"
done
arg() { $B sed -n "s/.*manycast\.$1=\([^ ]*\).*/\1/p" /proc/cmdline; }
REPO=$(arg repo)
NODE=$(arg node)
SCALE=$(arg scale)
ARGS=$(arg args | $B tr '+' ' ')
R=/newroot
$B mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=262144 hostroot $R || { echo "vm-init: cannot mount the host's root"; $B poweroff -f; }
$B mount -t proc proc $R/proc
$B mount -t sysfs sys $R/sys
$B mount -t devtmpfs dev $R/dev
$B mount -t tmpfs tmp $R/tmp
$B mount -t tmpfs run $R/run
$B mkdir -p $R/tmp/out
$B mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 out $R/tmp/out || { echo "vm-init: cannot mount the output share"; $B poweroff -f; }
echo "vm-init: $($B uname -r), running the recorder"
$B chroot $R /usr/bin/env -i PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp CI=true \
  MANYCAST_LAB_TIME_SCALE=$SCALE "$NODE" "$REPO/dist/test/kernel-oracles/record.js" --guest /tmp/out $ARGS
echo $? > $R/tmp/out/status
$B sync
$B poweroff -f
