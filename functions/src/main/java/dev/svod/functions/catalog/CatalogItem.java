package dev.svod.functions.catalog;

/** What every item of the catalog table has: its key, a status and the time of the last change. */
public interface CatalogItem {
  String getPk();

  void setPk(String pk);

  String getSk();

  void setSk(String sk);

  String getStatus();

  void setStatus(String status);

  String getUpdatedAt();

  void setUpdatedAt(String updatedAt);
}
