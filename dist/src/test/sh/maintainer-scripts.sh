#!/bin/sh
# Runs the Debian package's maintainer scripts (configure, remove, purge) for real, inside a
# private mount namespace whose /etc, /usr/sbin, /var/lib, /var/log and /run are copies or empty
# tmpfs, so the machine's own accounts and packages are never touched. With no dpkg database
# visible, no other cluster package counts as installed, and purge must remove the accounts
# configure created.
#   unshare -m sh maintainer-scripts.sh CONTROL_DIR WORK_DIR
set -eu
control=$1
work=$2
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir -p "$work/etc" "$work/sbin"
cp -a /etc/. "$work/etc/" 2>/dev/null || true
cp -a /usr/sbin/. "$work/sbin/"
for f in passwd shadow; do sed -i '/^hacluster:/d' "$work/etc/$f" 2>/dev/null || true; done
for f in group gshadow; do sed -i '/^haclient:/d' "$work/etc/$f" 2>/dev/null || true; done
# A plain file: the copy of an installed package's pacer-crm is a link into /usr/share/pacer,
# and writing through it would change the machine.
rm -f "$work/sbin/pacer-crm"
printf '#!/bin/sh\n' > "$work/sbin/pacer-crm"
chmod 755 "$work/sbin/pacer-crm"
rm -f "$work/sbin/crm"
# The empty /var/lib below has no alternatives database: drop the machine's crm link with it.
rm -f "$work/etc/alternatives/crm"

mount --make-rprivate /
mount --bind "$work/etc" /etc
mount --bind "$work/sbin" /usr/sbin
mount -t tmpfs tmpfs /var/lib
mkdir -p /var/lib/dpkg/alternatives
mount -t tmpfs tmpfs /var/log
mount -t tmpfs tmpfs /run

getent passwd hacluster >/dev/null && fail "hacluster exists before configure"

sh "$control/postinst" configure
getent passwd hacluster >/dev/null || fail "configure did not create hacluster"
getent group haclient >/dev/null || fail "configure did not create haclient"
for d in /etc/pacer /var/lib/pacer /var/log/pacer /run/pacer; do
  [ "$(stat -c %a:%G "$d")" = 750:haclient ] || fail "$d is $(stat -c %a:%G "$d"), not 750:haclient"
done
[ "$(readlink -f /usr/sbin/crm)" = /usr/sbin/pacer-crm ] || fail "crm alternative not set"

# A second configure (an upgrade) must not record the accounts again.
sh "$control/postinst" configure
[ "$(wc -l < /var/lib/pacer/.accounts-created-by-pacer)" = 2 ] || fail "accounts recorded twice"

sh "$control/prerm" remove
[ -e /usr/sbin/crm ] && fail "remove left /usr/sbin/crm"
sh "$control/postrm" remove
getent passwd hacluster >/dev/null || fail "remove (not purge) deleted hacluster"
[ -d /var/lib/pacer ] || fail "remove (not purge) deleted /var/lib/pacer"

sh "$control/postrm" purge
getent passwd hacluster >/dev/null && fail "purge left hacluster"
getent group haclient >/dev/null && fail "purge left haclient"
for d in /etc/pacer /var/lib/pacer /var/log/pacer /run/pacer; do
  [ -e "$d" ] && fail "purge left $d"
done

# Accounts that were there before Pacer (Debian's pacemaker made them) survive purge.
addgroup --system --quiet haclient
adduser --system --quiet --ingroup haclient --no-create-home hacluster
sh "$control/postinst" configure
sh "$control/prerm" remove
sh "$control/postrm" purge
getent passwd hacluster >/dev/null || fail "purge deleted a hacluster Pacer did not create"
getent group haclient >/dev/null || fail "purge deleted a haclient Pacer did not create"
echo "maintainer scripts: OK"
